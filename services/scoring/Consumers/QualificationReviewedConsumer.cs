using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores the center's re-check of the qualification review sample.</summary>
public sealed class QualificationReviewedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<QualificationReviewed>
{
    public Task Consume(ConsumeContext<QualificationReviewed> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SaveReviewAsync(tx, context.Message, ct), context.CancellationToken,
            context.MessageId);
}
