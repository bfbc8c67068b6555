using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores the paper the plan's exam used.</summary>
public sealed class PaperUsedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<PaperUsed>
{
    public Task Consume(ConsumeContext<PaperUsed> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SavePaperAsync(tx, context.Message, ct), context.CancellationToken,
            context.MessageId);
}
