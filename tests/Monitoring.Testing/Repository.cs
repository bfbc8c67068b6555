namespace Monitoring.Testing;

/// <summary>Paths inside the checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Monitoring.sln above {AppContext.BaseDirectory}");
    }
}
