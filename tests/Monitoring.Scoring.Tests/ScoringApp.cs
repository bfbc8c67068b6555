using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.Testing;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Scoring in this test process against the real broker and database of <paramref name="environment"/>;
/// two apps on one environment are two replicas competing for the same queues.
/// </summary>
public sealed class ScoringApp(TestEnvironment environment) : WebApplicationFactory<Program>
{
    public TestEnvironment Environment => environment;

    public static async Task<ScoringApp> StartAsync(TestEnvironment environment)
    {
        System.Environment.SetEnvironmentVariable("MONITORING_LOCAL_SETTINGS", "/nonexistent");
        var app = new ScoringApp(environment);
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = environment.Settings(0).Where(s => s.Key.Contains("__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Scoring:Debounce"] = "00:00:00.200";
        settings["Scoring:RescorePollInterval"] = "00:00:00.050";
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }

    public HttpClient Client(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestKeys.Bearer(key);
        return client;
    }
}

/// <summary>Publishes contract messages into a test environment's virtual host, as ingest would.</summary>
public sealed class TestBus : IAsyncDisposable
{
    readonly IBusControl bus;

    TestBus(IBusControl bus) => this.bus = bus;

    public static async Task<TestBus> StartAsync(TestEnvironment environment)
    {
        var broker = environment.Infrastructure.Broker;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker.Host, (ushort)broker.Port, environment.VirtualHost, h =>
            {
                h.Username(broker.Username);
                h.Password(broker.Password);
                h.PublisherConfirmation = true;
            });
            cfg.ConfigureJsonSerializerOptions(ContractSerialization.Configure);
            cfg.Publish<Contract>(p => p.Exclude = true);
        });
        await bus.StartAsync();
        return new TestBus(bus);
    }

    /// <summary>Publishes each message under the given id (a repeated id is a redelivery).</summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : Contract =>
        bus.Publish(message, context => context.MessageId = messageId ?? NewId.NextGuid());

    public async Task PublishAllAsync(IEnumerable<(Contract Message, Guid Id)> messages)
    {
        foreach (var chunk in messages.Chunk(200))
            await Task.WhenAll(chunk.Select(m => bus.Publish(m.Message, m.Message.GetType(), context => context.MessageId = m.Id)));
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
