using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores the papers plans' exams used. A batch of messages in one transaction (see <see cref="FactRecorder.RecordEachAsync{T}"/>).</summary>
public sealed class PaperUsedConsumer(FactRecorder facts) : IConsumer<Batch<PaperUsed>>
{
    public Task Consume(ConsumeContext<Batch<PaperUsed>> context) =>
        facts.RecordEachAsync(context, nameof(PaperUsedConsumer), m => m.PlanId, FactStore.SavePaperAsync);
}
