using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>
/// Deletes the queues (and their exchanges) of consumers a release removed. MassTransit declares queues but
/// never deletes them, and a queue still bound to a message's exchange would collect every such message
/// forever. Deleting one that is already gone does nothing, so every start may try.
/// </summary>
sealed class RetiredQueues(IReadOnlyList<string> queues, IOptions<RabbitMqOptions> options, ILogger<RetiredQueues> logger) : IHostedService
{
    /// <summary>A clean-up, not a precondition: when it cannot reach the broker it says so and the service starts all the same.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DeleteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not delete the retired queues {Queues}; the next start tries again", queues);
        }
    }

    async Task DeleteAsync(CancellationToken cancellationToken)
    {
        var rabbit = options.Value;
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, VirtualHost = rabbit.VirtualHost, UserName = rabbit.Username, Password = rabbit.Password,
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var queue in queues)
        {
            var dropped = await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
            await channel.ExchangeDeleteAsync(queue, ifUnused: false, cancellationToken: cancellationToken);
            logger.LogInformation("Retired queue {Queue} is gone ({Dropped} messages dropped)", queue, dropped);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class RetiredQueuesExtensions
{
    /// <summary>Deletes <paramref name="queues"/> on start: the queues of consumers this service no longer has.</summary>
    public static IHostApplicationBuilder RetireQueues(this IHostApplicationBuilder builder, params string[] queues)
    {
        builder.Services.AddHostedService(sp => new RetiredQueues(queues, sp.GetRequiredService<IOptions<RabbitMqOptions>>(),
            sp.GetRequiredService<ILogger<RetiredQueues>>()));
        return builder;
    }
}
