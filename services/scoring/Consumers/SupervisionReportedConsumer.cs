using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores the quality supervisor's report.</summary>
public sealed class SupervisionReportedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<SupervisionReported>
{
    public Task Consume(ConsumeContext<SupervisionReported> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SaveSupervisionAsync(tx, context.Message, ct), context.CancellationToken,
            context.MessageId);
}
