using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Draws;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// Stores the examiners dispatched to plans and where they came from. A batch of messages in one transaction (see
/// <see cref="FactRecorder"/>), each dispatch with a statement of its own in plan order. A dispatch also counts in the
/// draws of the org's later plans (<see cref="DrawTest"/>): it is recorded as a draw change, which the rescore worker
/// expands to those plans once this transaction has committed (<see cref="DrawStore"/>).
/// </summary>
public sealed class ExaminersDispatchedConsumer(FactRecorder facts) : IConsumer<Batch<ExaminersDispatched>>
{
    public Task Consume(ConsumeContext<Batch<ExaminersDispatched>> context) =>
        facts.RecordBatchAsync(context, nameof(ExaminersDispatchedConsumer), m => m.PlanId, async (tx, dispatches, ct) =>
        {
            var planIds = dispatches.Select(m => m.PlanId).Distinct(StringComparer.Ordinal).ToList();
            // A stable sort: a plan dispatched twice in the batch keeps its order, so the later dispatch wins.
            foreach (var dispatch in dispatches.OrderBy(m => m.PlanId, StringComparer.Ordinal))
                await FactStore.SaveExaminersAsync(tx, dispatch, ct);
            await DrawStore.ChangedAsync(tx, planIds, dispatched: true, ct);
        });
}
