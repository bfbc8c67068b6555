using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores filed (or re-filed) plans. A batch of messages in one transaction (see <see cref="FactRecorder.RecordEachAsync{T}"/>).</summary>
public sealed class PlanFiledConsumer(FactRecorder facts) : IConsumer<Batch<PlanFiled>>
{
    public Task Consume(ConsumeContext<Batch<PlanFiled>> context) =>
        facts.RecordEachAsync(context, nameof(PlanFiledConsumer), m => m.PlanId, PlanStore.UpsertAsync);
}
