using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Certificates;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// Stores filed (or re-filed) plans, a batch of messages in one transaction (see <see cref="FactRecorder.RecordBatchAsync{T}"/>),
/// and looks again at certificates of theirs that came before them (<see cref="DuplicateCertificates.OnPlansFiledAsync"/>).
/// </summary>
public sealed class PlanFiledConsumer(FactRecorder facts, DuplicateCertificates duplicates) : IConsumer<Batch<PlanFiled>>
{
    public Task Consume(ConsumeContext<Batch<PlanFiled>> context) =>
        facts.RecordBatchAsync(context, nameof(PlanFiledConsumer), m => m.PlanId, async (tx, plans, ct) =>
        {
            // In plan order (a stable sort: a plan filed twice in the batch keeps its order), as every batch writes plans.
            foreach (var plan in plans.OrderBy(p => p.PlanId, StringComparer.Ordinal))
                await PlanStore.UpsertAsync(tx, plan, ct);
            await duplicates.OnPlansFiledAsync(tx, [.. plans.Select(p => p.PlanId).Distinct(StringComparer.Ordinal)], ct);
        });
}
