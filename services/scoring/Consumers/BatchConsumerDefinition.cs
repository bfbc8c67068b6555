using MassTransit;
using Microsoft.Extensions.Options;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// Batch size and wait from <see cref="ScoringOptions"/>; the prefetch holds two batches so the next one
/// fills while the current one commits.
/// </summary>
public sealed class BatchConsumerDefinition<TConsumer, TMessage>(IOptions<ScoringOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<Batch<TMessage>>
    where TMessage : class
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var batch = options.Value;
        // A batch holds its messages unacknowledged until it completes: the endpoint must let that many in.
        endpointConfigurator.ConcurrentMessageLimit = batch.BatchSize * 2;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.PrefetchCount = batch.BatchSize * 2;
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(batch.BatchSize)
            .SetTimeLimit(batch.BatchTimeLimit)
            .SetConcurrencyLimit(2));
    }
}
