using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores the examiners dispatched to plans and where they came from. A batch of messages in one transaction (see <see cref="FactRecorder.RecordEachAsync{T}"/>).</summary>
public sealed class ExaminersDispatchedConsumer(FactRecorder facts) : IConsumer<Batch<ExaminersDispatched>>
{
    public Task Consume(ConsumeContext<Batch<ExaminersDispatched>> context) =>
        facts.RecordEachAsync(context, nameof(ExaminersDispatchedConsumer), m => m.PlanId, FactStore.SaveExaminersAsync);
}
