using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Certificates;
using Monitoring.Scoring.Draws;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;
using Monitoring.Scoring.Staffing;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// Stores filed (or re-filed) plans, a batch of messages in one transaction (see <see cref="FactRecorder"/>),
/// and looks again at certificates of theirs that came before them (<see cref="DuplicateCertificates.OnPlansFiledAsync"/>).
/// A plan whose examiners came before its filing only now counts in the draws of its org's later plans
/// (<see cref="DrawTest"/>): it is recorded as a change, which the rescore worker expands once this transaction has
/// committed (<see cref="DrawStore"/>): its draws take its org and exam start, those plans are rescored, and so are the plans holding
/// certificates issued to people who served it (<see cref="StaffStore"/>).
/// </summary>
public sealed class PlanFiledConsumer(FactRecorder facts, DuplicateCertificates duplicates) : IConsumer<Batch<PlanFiled>>
{
    public Task Consume(ConsumeContext<Batch<PlanFiled>> context) =>
        facts.RecordBatchAsync(context, nameof(PlanFiledConsumer), m => m.PlanId, async (tx, plans, ct) =>
        {
            var planIds = plans.Select(p => p.PlanId).Distinct(StringComparer.Ordinal).ToList();
            // In plan order (a stable sort: a plan filed twice in the batch keeps its order), as every batch writes plans.
            foreach (var plan in plans.OrderBy(p => p.PlanId, StringComparer.Ordinal))
                await PlanStore.UpsertAsync(tx, plan, ct);
            await duplicates.OnPlansFiledAsync(tx, planIds, ct);
            await DrawStore.ChangedAsync(tx, planIds, dispatched: false, ct);
        });
}
