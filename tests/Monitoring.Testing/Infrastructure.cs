using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dapper;
using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Monitoring.Testing;

/// <summary>
/// The broker's addresses: AMQP for the services, the management API for test setup, and its prometheus plugin's
/// <c>host:port</c> (what the operators' view scrapes).
/// </summary>
public sealed record Broker(string Host, int Port, Uri Management, string Username, string Password, string Prometheus);

/// <summary>
/// The real RabbitMQ and PostgreSQL the integration tests run against, found once per test run, in order:
/// <list type="number">
/// <item>environment variables <c>MONITORING_TEST_RABBITMQ</c> (amqp://user:pass@host:port),
/// <c>MONITORING_TEST_RABBITMQ_MANAGEMENT</c> (http://host:15672) and <c>MONITORING_TEST_POSTGRES</c>
/// (an Npgsql connection string), with <c>MONITORING_TEST_RABBITMQ_MANAGEMENT</c> (default port 15672) and
/// <c>MONITORING_TEST_RABBITMQ_PROMETHEUS</c> (host:port, default 15692);</item>
/// <item>servers that <c>scripts/infra.sh up</c> already runs for this checkout;</item>
/// <item>Testcontainers, where a Docker engine answers;</item>
/// <item><c>scripts/infra.sh up</c>, started here and stopped when the run ends.</item>
/// </list>
/// When none works the tests fail with the reason and how to get a server; they never skip.
/// Each test takes its own database and virtual host, so tests run in parallel without seeing each other.
/// </summary>
public sealed class Infrastructure
{
    static readonly Lazy<Task<Infrastructure>> Shared = new(StartAsync);

    Infrastructure(Broker broker, string postgres, string origin)
    {
        Broker = broker;
        PostgresConnectionString = postgres;
        Origin = origin;
    }

    public Broker Broker { get; }
    public string PostgresConnectionString { get; }

    /// <summary>
    /// The server's maintenance database, unpooled: creating and dropping databases is rare, and a pooled connection
    /// would outlive a crash of a test's own server and fail the next use.
    /// </summary>
    public NpgsqlConnection AdminConnection() =>
        new(new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Pooling = false }.ConnectionString);

    /// <summary>Where the servers came from, for failure messages.</summary>
    public string Origin { get; }

    public static Task<Infrastructure> GetAsync() => Shared.Value;

    /// <summary>A new empty database; the services create their schemas in it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = AdminConnection())
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>A new virtual host, so exchanges and queues of one test never reach another's consumers.</summary>
    public async Task<string> CreateVirtualHostAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..16];
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{name}/{Uri.EscapeDataString(Broker.Username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return name;
    }

    public HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = Broker.Management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Broker.Username}:{Broker.Password}")));
        return http;
    }

    static async Task<Infrastructure> StartAsync()
    {
        var attempts = new List<string>();
        return FromEnvironment(attempts)
            ?? await FromLocalScriptAsync(alreadyRunningOnly: true, attempts)
            ?? await FromTestcontainersAsync(attempts)
            ?? await FromLocalScriptAsync(alreadyRunningOnly: false, attempts)
            ?? throw new InvalidOperationException(
                "The integration tests need a real RabbitMQ (with the management plugin) and PostgreSQL, and found none:\n  - "
                + string.Join("\n  - ", attempts)
                + "\nGet them in one of these ways: run `scripts/infra.sh up` (Debian/Ubuntu; installs rabbitmq-server and "
                + "postgresql when run as root); set MONITORING_TEST_RABBITMQ, MONITORING_TEST_RABBITMQ_MANAGEMENT and "
                + "MONITORING_TEST_POSTGRES to servers you have; or run where a Docker engine answers (Testcontainers).");
    }

    static Infrastructure? FromEnvironment(List<string> attempts)
    {
        var amqp = Environment.GetEnvironmentVariable("MONITORING_TEST_RABBITMQ");
        var postgres = Environment.GetEnvironmentVariable("MONITORING_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(amqp) || string.IsNullOrWhiteSpace(postgres))
        {
            attempts.Add("MONITORING_TEST_RABBITMQ and MONITORING_TEST_POSTGRES are not both set");
            return null;
        }
        var uri = new Uri(amqp);
        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var management = Environment.GetEnvironmentVariable("MONITORING_TEST_RABBITMQ_MANAGEMENT") ?? $"http://{uri.Host}:15672/";
        var prometheus = Environment.GetEnvironmentVariable("MONITORING_TEST_RABBITMQ_PROMETHEUS") ?? $"{uri.Host}:15692";
        return new Infrastructure(
            new Broker(uri.Host, uri.Port > 0 ? uri.Port : 5672, new Uri(management),
                credentials.ElementAtOrDefault(0) is { Length: > 0 } user ? user : "guest",
                credentials.ElementAtOrDefault(1) ?? "guest", prometheus),
            postgres, "environment variables");
    }

    static async Task<Infrastructure?> FromLocalScriptAsync(bool alreadyRunningOnly, List<string> attempts)
    {
        var script = Path.Combine(Repository.Root, "scripts", "infra.sh");
        if (!alreadyRunningOnly)
        {
            var (exitCode, output) = await RunAsync(script, "up");
            if (exitCode != 0)
            {
                attempts.Add($"scripts/infra.sh up failed ({exitCode}): {output.Trim()}");
                return null;
            }
            // Started for this run only: stop it when the run ends.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync(script, "down").GetAwaiter().GetResult();
        }

        var settingsPath = Path.Combine(Repository.Root, ".local", "infra", "settings.json");
        if (!File.Exists(settingsPath))
        {
            attempts.Add($"no {settingsPath}: scripts/infra.sh is not running");
            return null;
        }
        var infrastructure = await FromSettingsAsync(settingsPath, "scripts/infra.sh");
        if (infrastructure is null)
            attempts.Add($"{settingsPath} names servers that do not answer");
        return infrastructure;
    }

    /// <summary>The servers a <c>settings.json</c> of <c>scripts/infra.sh</c> names, or null when they do not answer.</summary>
    internal static async Task<Infrastructure?> FromSettingsAsync(string settingsPath, string origin)
    {
        using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(settingsPath));
        var rabbit = settings.RootElement.GetProperty("RabbitMq");
        var broker = new Broker(rabbit.GetProperty("Host").GetString()!, rabbit.GetProperty("Port").GetInt32(),
            new Uri($"http://{rabbit.GetProperty("Host").GetString()}:{rabbit.GetProperty("ManagementPort").GetInt32()}/"),
            rabbit.GetProperty("Username").GetString()!, rabbit.GetProperty("Password").GetString()!,
            // Servers started before the settings named it: the plugin's default port.
            $"{rabbit.GetProperty("Host").GetString()}:{(rabbit.TryGetProperty("PrometheusPort", out var prometheus) ? prometheus.GetInt32() : 15692)}");
        var postgres = settings.RootElement.GetProperty("Database").GetProperty("ConnectionString").GetString()!;
        var database = new NpgsqlConnectionStringBuilder(postgres);
        if (!await AnswersAsync(broker.Host, broker.Port) || !await AnswersAsync(database.Host!, database.Port))
            return null;
        return new Infrastructure(broker, postgres, origin);
    }

    static async Task<Infrastructure?> FromTestcontainersAsync(List<string> attempts)
    {
        try
        {
            var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management").WithPortBinding(15672, true).WithPortBinding(15692, true).Build();
            var postgres = new PostgreSqlBuilder("postgres:15").Build();
            await Task.WhenAll(rabbit.StartAsync(), postgres.StartAsync());
            var broker = new Broker(rabbit.Hostname, rabbit.GetMappedPublicPort(5672),
                new Uri($"http://{rabbit.Hostname}:{rabbit.GetMappedPublicPort(15672)}/"), "rabbitmq", "rabbitmq",
                $"{rabbit.Hostname}:{rabbit.GetMappedPublicPort(15692)}");
            return new Infrastructure(broker, postgres.GetConnectionString(), "Testcontainers");
        }
        catch (Exception ex) when (ex is DockerUnavailableException or ArgumentException or InvalidOperationException)
        {
            attempts.Add($"Testcontainers: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            return null;
        }
    }

    static async Task<bool> AnswersAsync(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
