using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores a public disclosure of the plan or its results.</summary>
public sealed class DisclosurePublishedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<DisclosurePublished>
{
    public Task Consume(ConsumeContext<DisclosurePublished> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SaveDisclosureAsync(tx, context.Message, ct), context.CancellationToken,
            context.MessageId);
}
