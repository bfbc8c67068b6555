using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores the center's re-checks of qualification review samples. A batch of messages in one transaction (see <see cref="FactRecorder.RecordEachAsync{T}"/>).</summary>
public sealed class QualificationReviewedConsumer(FactRecorder facts) : IConsumer<Batch<QualificationReviewed>>
{
    public Task Consume(ConsumeContext<Batch<QualificationReviewed>> context) =>
        facts.RecordEachAsync(context, nameof(QualificationReviewedConsumer), m => m.PlanId, FactStore.SaveReviewAsync);
}
