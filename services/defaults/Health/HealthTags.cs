namespace Monitoring.ServiceDefaults;

/// <summary>Tags that decide which health checks the readiness probe runs.</summary>
public static class HealthTags
{
    /// <summary>Checks that must pass before the service takes traffic: broker and database.</summary>
    public const string Ready = "ready";
}
