using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores public disclosures of plans and their results. A batch of messages in one transaction (see <see cref="FactRecorder.RecordEachAsync{T}"/>).</summary>
public sealed class DisclosurePublishedConsumer(FactRecorder facts) : IConsumer<Batch<DisclosurePublished>>
{
    public Task Consume(ConsumeContext<Batch<DisclosurePublished>> context) =>
        facts.RecordEachAsync(context, nameof(DisclosurePublishedConsumer), m => m.PlanId, FactStore.SaveDisclosureAsync);
}
