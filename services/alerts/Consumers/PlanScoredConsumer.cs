using MassTransit;
using Microsoft.Extensions.Options;
using Monitoring.Alerts.Rectifications;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>
/// Plans' scores, a batch to a transaction: each org enters the catalogue, and a final score below 60 opens a
/// rectification task. Scoring publishes a score each time one changes, thousands on an exam day, and most only
/// need their org known: one inbox statement and one commit a batch instead of one a score.
/// </summary>
public sealed class PlanScoredConsumer(ReliableMessaging messaging, RectificationService rectifications, TimeProvider time) : IConsumer<Batch<PlanScored>>
{
    public Task Consume(ConsumeContext<Batch<PlanScored>> context) =>
        messaging.ConsumeBatchOnceAsync<PlanScored>(context, nameof(PlanScoredConsumer), (tx, scores) =>
            rectifications.OnPlansScoredAsync(tx, scores, time.GetUtcNow(), context.CancellationToken));
}

/// <summary>Batch size and wait from <see cref="AlertsOptions"/>; the prefetch holds two batches.</summary>
public sealed class PlanScoredConsumerDefinition(IOptions<AlertsOptions> options) : ConsumerDefinition<PlanScoredConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PlanScoredConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var size = options.Value.ScoreBatchSize;
        endpointConfigurator.ConcurrentMessageLimit = size * 2;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.PrefetchCount = size * 2;
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(size)
            .SetTimeLimit(options.Value.ScoreBatchTimeLimit)
            .SetConcurrencyLimit(2));
    }
}
