using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Monitoring.Testing;

/// <summary>
/// The operators' view beside a test's services, as a local run has it (<c>scripts/observe.sh</c>): a real Prometheus
/// with the project's scrape configuration and rules, PostgreSQL's exporter, and the .NET Aspire Dashboard as the OTLP
/// trace receiver, in a folder of the test's own. Services started with <see cref="ServiceSettings"/> send it their
/// traces; <see cref="ScrapeAsync"/> points Prometheus at them.
/// </summary>
public sealed class OperatorsView : IAsyncDisposable
{
    readonly string directory;

    OperatorsView(string directory, Uri prometheus, Uri traces, string otlp)
    {
        this.directory = directory;
        Prometheus = new HttpClient { BaseAddress = prometheus, Timeout = TimeSpan.FromSeconds(30) };
        Traces = new HttpClient { BaseAddress = traces, Timeout = TimeSpan.FromSeconds(30) };
        OtlpEndpoint = otlp;
    }

    public HttpClient Prometheus { get; }
    public HttpClient Traces { get; }
    public string OtlpEndpoint { get; }

    /// <summary>What a service needs to send its traces here, exported at once rather than every 5 s.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint,
        ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
    };

    public static async Task<OperatorsView> StartAsync(TestEnvironment environment)
    {
        var directory = Path.Combine(Path.GetTempPath(), "monitoring-observe-" + Guid.NewGuid().ToString("N")[..8]);
        var database = new NpgsqlConnectionStringBuilder(environment.ConnectionString);
        var dsn = $"postgresql://{Uri.EscapeDataString(database.Username ?? "postgres")}:{Uri.EscapeDataString(database.Password ?? "")}@" +
                  $"{database.Host}:{database.Port}/{database.Database}?sslmode=disable";
        var (exitCode, output) = await RunAsync(directory, "up", new Dictionary<string, string>
        {
            ["OBSERVE_SERVICES"] = "none",
            ["OBSERVE_RABBIT_PROMETHEUS"] = environment.Infrastructure.Broker.Prometheus,
            ["OBSERVE_POSTGRES_DSN"] = dsn,
        });
        if (exitCode != 0)
            throw new InvalidOperationException(
                $"scripts/observe.sh up failed ({exitCode}): {output.Trim()}\nIt needs Debian's prometheus and prometheus-postgres-exporter " +
                "(scripts/infra.sh up installs them) and NuGet's Aspire.Dashboard.Sdk.linux-x64 (tools/trace-receiver).");
        var settings = File.ReadAllLines(Path.Combine(directory, "env"))
            .Select(l => l.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new OperatorsView(directory, new Uri(settings["OBSERVE_PROMETHEUS_URL"] + "/"), new Uri(settings["OBSERVE_TRACES_URL"] + "/"),
            settings["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    /// <summary>Points the scrape job named after the service (<c>ingest</c>, <c>scoring</c>…) at it.</summary>
    public async Task ScrapeAsync(ServiceProcess service)
    {
        var (exitCode, output) = await RunAsync(directory, $"target {service.Service} {service.BaseAddress.Authority}", new Dictionary<string, string>());
        if (exitCode != 0)
            throw new InvalidOperationException($"scripts/observe.sh target failed ({exitCode}): {output.Trim()}");
    }

    /// <summary>An instant query through Prometheus' HTTP API: its result array (throws with Prometheus' error on failure).</summary>
    public async Task<JsonElement> QueryAsync(string expression)
    {
        using var response = await Prometheus.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(expression));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"Prometheus refused `{expression}`: {body.GetProperty("errorType")}: {body.GetProperty("error")}");
        return body.GetProperty("data").GetProperty("result").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Prometheus.Dispose();
        Traces.Dispose();
        await RunAsync(directory, "down", new Dictionary<string, string>());
    }

    static async Task<(int ExitCode, string Output)> RunAsync(string directory, string arguments, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "observe.sh"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["MONITORING_OBSERVE_DIR"] = directory;
        foreach (var (key, value) in settings)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
