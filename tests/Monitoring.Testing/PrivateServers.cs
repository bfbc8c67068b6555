namespace Monitoring.Testing;

/// <summary>
/// A RabbitMQ and a PostgreSQL of one test's own (<c>scripts/infra.sh</c> in a folder of their own), for tests that
/// stop, restart and crash them: the servers every other test shares must never see such a fault.
/// </summary>
public sealed class PrivateServers : IAsyncDisposable
{
    readonly Dictionary<string, string> environment;

    PrivateServers(string directory, Infrastructure infrastructure)
    {
        environment = new() { ["MONITORING_INFRA_DIR"] = directory };
        Infrastructure = infrastructure;
    }

    public Infrastructure Infrastructure { get; }

    static string Script => Path.Combine(Repository.Root, "scripts", "infra.sh");

    /// <summary>Starts both servers on free loopback ports; fails with infra.sh's reason when it cannot.</summary>
    public static async Task<PrivateServers> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "monitoring-private-" + Guid.NewGuid().ToString("N")[..12]);
        var environment = new Dictionary<string, string> { ["MONITORING_INFRA_DIR"] = directory };
        var (exitCode, output) = await Infrastructure.RunAsync(Script, "up", environment);
        if (exitCode != 0)
            throw new InvalidOperationException(
                $"This test needs servers of its own that it may crash, started by scripts/infra.sh (Debian's rabbitmq-server and "
                + $"postgresql, installed when run as root); `scripts/infra.sh up` failed ({exitCode}):\n{output}");
        var infrastructure = await Infrastructure.FromSettingsAsync(Path.Combine(directory, "settings.json"), $"scripts/infra.sh in {directory}");
        if (infrastructure is null)
        {
            await Infrastructure.RunAsync(Script, "down", environment);
            throw new InvalidOperationException($"scripts/infra.sh started servers in {directory} that do not answer:\n{output}");
        }
        return new PrivateServers(directory, infrastructure);
    }

    /// <summary>One of infra.sh's faults: stop-broker-app, start-broker-app, stop-broker, start-broker, crash-database, start-database.</summary>
    public async Task FaultAsync(string kind)
    {
        var (exitCode, output) = await Infrastructure.RunAsync(Script, $"fault {kind}", environment);
        if (exitCode != 0)
            throw new InvalidOperationException($"scripts/infra.sh fault {kind} failed ({exitCode}):\n{output}");
    }

    public async ValueTask DisposeAsync() => await Infrastructure.RunAsync(Script, "down", environment);
}
