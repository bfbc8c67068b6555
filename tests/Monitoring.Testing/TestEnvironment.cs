using System.Security.Cryptography;
using Npgsql;

namespace Monitoring.Testing;

/// <summary>
/// A database and a virtual host of one test's own, and the settings that point services at them. Disposing it
/// (after the services that used it) drops both, so a test run leaves no databases or virtual hosts behind.
/// </summary>
public sealed class TestEnvironment : IAsyncDisposable
{
    TestEnvironment(Infrastructure infrastructure, string database, string virtualHost)
    {
        Infrastructure = infrastructure;
        ConnectionString = database;
        VirtualHost = virtualHost;
    }

    public Infrastructure Infrastructure { get; }
    public string ConnectionString { get; }
    public string VirtualHost { get; }

    /// <summary>API keys every service of this environment accepts (given to them hashed, as <c>Access:Keys</c>).</summary>
    public TestKeys Keys { get; } = new();

    /// <summary>The HMAC key ingest hashes 身份证号 with, so a test can compute the expected hash.</summary>
    public byte[] CandidateHashKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The key alerts seals webhook secrets with.</summary>
    public byte[] WebhookSecretKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>A database and a virtual host on the shared servers, or on <paramref name="infrastructure"/> (a test's own).</summary>
    public static async Task<TestEnvironment> CreateAsync(Infrastructure? infrastructure = null)
    {
        infrastructure ??= await Infrastructure.GetAsync();
        return new TestEnvironment(infrastructure, await infrastructure.CreateDatabaseAsync(), await infrastructure.CreateVirtualHostAsync());
    }

    /// <summary>A count from this test's database (the services' tables are in their schemas).</summary>
    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = OpenConnection();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql, parameters);
    }

    readonly List<Func<Task>> cleanups = [];

    /// <summary>Something else of the test's own on the servers (a broker user) to remove with the environment.</summary>
    public void OnDispose(Func<Task> cleanup) => cleanups.Add(cleanup);

    public async ValueTask DisposeAsync()
    {
        foreach (var cleanup in cleanups)
            await cleanup();
        await using (var connection = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(connection);
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        await using (var admin = Infrastructure.AdminConnection())
        {
            await admin.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
        using var http = Infrastructure.ManagementClient();
        using var deleted = await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(VirtualHost)}");
    }

    public NpgsqlConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Environment variables for a service process: they override every other configuration source.</summary>
    public IReadOnlyDictionary<string, string> Settings(int port) => new Dictionary<string, string>
    {
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["DOTNET_ENVIRONMENT"] = "Testing",
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        // Never pick up the checkout's .local/infra/settings.json: this test's servers only.
        ["MONITORING_LOCAL_SETTINGS"] = "/nonexistent",
        ["Database__ConnectionString"] = ConnectionString,
        ["RabbitMq__Host"] = Infrastructure.Broker.Host,
        ["RabbitMq__Port"] = Infrastructure.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RabbitMq__VirtualHost"] = VirtualHost,
        ["RabbitMq__Username"] = Infrastructure.Broker.Username,
        ["RabbitMq__Password"] = Infrastructure.Broker.Password,
        ["Messaging__OutboxPollInterval"] = "00:00:01",
        ["Privacy__CandidateHashKey"] = Convert.ToBase64String(CandidateHashKey),
        ["Alerts__Webhooks__SecretKey"] = Convert.ToBase64String(WebhookSecretKey),
        ["Access__Keys__0__Name"] = "test-platform",
        ["Access__Keys__0__Role"] = "platform",
        ["Access__Keys__0__Hash"] = TestKeys.Hash(Keys.Platform),
        ["Access__Keys__1__Name"] = "test-operator",
        ["Access__Keys__1__Role"] = "operator",
        ["Access__Keys__1__Hash"] = TestKeys.Hash(Keys.Operator),
        ["Access__Keys__2__Name"] = "test-center-hangzhou",
        ["Access__Keys__2__Role"] = "center",
        ["Access__Keys__2__Region"] = TestKeys.CenterRegion,
        ["Access__Keys__2__Hash"] = TestKeys.Hash(Keys.Center),
    };
}
