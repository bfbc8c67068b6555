using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores how plans were carried out (dates and site as held). A batch of messages in one transaction (see <see cref="FactRecorder.RecordEachAsync{T}"/>).</summary>
public sealed class PlanExecutionReportedConsumer(FactRecorder facts) : IConsumer<Batch<PlanExecutionReported>>
{
    public Task Consume(ConsumeContext<Batch<PlanExecutionReported>> context) =>
        facts.RecordEachAsync(context, nameof(PlanExecutionReportedConsumer), m => m.PlanId, FactStore.SaveExecutionAsync);
}
