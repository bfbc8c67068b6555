using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores quality supervisors' reports. A batch of messages in one transaction (see <see cref="FactRecorder.RecordEachAsync{T}"/>).</summary>
public sealed class SupervisionReportedConsumer(FactRecorder facts) : IConsumer<Batch<SupervisionReported>>
{
    public Task Consume(ConsumeContext<Batch<SupervisionReported>> context) =>
        facts.RecordEachAsync(context, nameof(SupervisionReportedConsumer), m => m.PlanId, FactStore.SaveSupervisionAsync);
}
