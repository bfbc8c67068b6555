using Npgsql;

namespace Monitoring.Testing;

/// <summary>A database and a virtual host of one test's own, and the settings that point services at them.</summary>
public sealed class TestEnvironment
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

    public static async Task<TestEnvironment> CreateAsync()
    {
        var infrastructure = await Infrastructure.GetAsync();
        return new TestEnvironment(infrastructure, await infrastructure.CreateDatabaseAsync(), await infrastructure.CreateVirtualHostAsync());
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
    };
}
