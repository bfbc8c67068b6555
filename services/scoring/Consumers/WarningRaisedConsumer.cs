using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>A warning alerts raised on the plan: overdue warnings count against it.</summary>
public sealed class WarningRaisedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<WarningRaised>
{
    public Task Consume(ConsumeContext<WarningRaised> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SaveWarningAsync(tx, context.Message, ct), context.CancellationToken);
}
