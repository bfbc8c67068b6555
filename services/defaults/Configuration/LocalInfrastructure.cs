namespace Monitoring.ServiceDefaults.Configuration;

/// <summary>
/// Finds the connection settings that <c>scripts/infra.sh up</c> writes for a local run
/// (<c>.local/infra/settings.json</c> at the repository root), so a service started from a checkout
/// reaches the private broker and database without further setup. In a cluster the file is absent and
/// configuration comes from the environment.
/// </summary>
public static class LocalInfrastructure
{
    public const string SettingsPathVariable = "MONITORING_LOCAL_SETTINGS";
    const string RelativePath = ".local/infra/settings.json";

    public static string? FindSettingsFile()
    {
        var explicitPath = Environment.GetEnvironmentVariable(SettingsPathVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return File.Exists(explicitPath) ? explicitPath : null;

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
