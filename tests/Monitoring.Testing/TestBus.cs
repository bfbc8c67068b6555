using MassTransit;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Testing;

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
