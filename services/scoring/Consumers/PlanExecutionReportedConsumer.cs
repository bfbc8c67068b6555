using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores how the plan was carried out (dates and site as held).</summary>
public sealed class PlanExecutionReportedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<PlanExecutionReported>
{
    public Task Consume(ConsumeContext<PlanExecutionReported> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SaveExecutionAsync(tx, context.Message, ct), context.CancellationToken,
            context.MessageId);
}
