using MassTransit;
using Microsoft.Extensions.Options;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// Batch size and wait from <see cref="ScoringOptions"/>; the prefetch holds two batches so the next one
/// fills while the current one commits. Messages of one item each batch by <see cref="ScoringOptions.BatchSize"/>,
/// messages of many items (a submission's results) by <see cref="ScoringOptions.BulkBatchSize"/>.
/// </summary>
public class BatchConsumerDefinition<TConsumer, TMessage>(IOptions<ScoringOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<Batch<TMessage>>
    where TMessage : class
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var batch = options.Value;
        var size = MessageLimit(batch);
        // A batch holds its messages unacknowledged until it completes: the endpoint must let that many in.
        endpointConfigurator.ConcurrentMessageLimit = size * 2;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.PrefetchCount = size * 2;
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(size)
            .SetTimeLimit(batch.BatchTimeLimit)
            .SetConcurrencyLimit(2));
    }

    protected virtual int MessageLimit(ScoringOptions options) => options.BatchSize;
}

/// <summary>Batches of bulk messages, each holding up to <see cref="Contracts.BulkContracts.MaxItems"/> items.</summary>
public sealed class BulkConsumerDefinition<TConsumer, TMessage>(IOptions<ScoringOptions> options) : BatchConsumerDefinition<TConsumer, TMessage>(options)
    where TConsumer : class, IConsumer<Batch<TMessage>>
    where TMessage : class
{
    protected override int MessageLimit(ScoringOptions options) => options.BulkBatchSize;
}
