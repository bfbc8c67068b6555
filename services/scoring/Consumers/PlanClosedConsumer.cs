using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// Plans are over: a score becomes final once scoring has every message the closing counted, or at the latest when
/// the closing grace has passed. Closings are not counted themselves.
/// </summary>
public sealed class PlanClosedConsumer(FactRecorder facts) : IConsumer<Batch<PlanClosed>>
{
    public Task Consume(ConsumeContext<Batch<PlanClosed>> context) =>
        facts.RecordEachAsync(context, nameof(PlanClosedConsumer), m => m.PlanId, (tx, m, ct) => FactStore.SaveClosureAsync(tx, m, facts.FinalFrom, ct),
            counted: false);
}
