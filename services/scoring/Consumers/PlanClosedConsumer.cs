using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>The plan is over: its score becomes final once the closing grace has passed.</summary>
public sealed class PlanClosedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<PlanClosed>
{
    public Task Consume(ConsumeContext<PlanClosed> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SaveClosureAsync(tx, context.Message, facts.FinalFrom, ct), context.CancellationToken);
}
