using MassTransit;
using Microsoft.Extensions.Options;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// What every fact consumer does: store the fact and ask for the plan to be rescored after the debounce, in
/// the message's transaction (which the exactly-once filter, or for a batch the batch path, holds).
/// </summary>
public sealed class FactRecorder(ReliableMessaging messaging, TimeProvider time, IOptions<ScoringOptions> options)
{
    public async Task RecordAsync(MessagingTransaction tx, string planId, Func<MessagingTransaction, CancellationToken, Task> save,
        CancellationToken ct)
    {
        await save(tx, ct);
        await RescoreQueue.EnqueueAsync(tx, [planId], DueAt, ct);
    }

    public Task RecordBatchAsync<T>(ConsumeContext<Batch<T>> context, string consumer, Func<T, string> planOf,
        Func<MessagingTransaction, IReadOnlyList<T>, CancellationToken, Task> save)
        where T : class =>
        messaging.ConsumeBatchOnceAsync(context, consumer, async (tx, messages) =>
        {
            await save(tx, messages, context.CancellationToken);
            await RescoreQueue.EnqueueAsync(tx, messages.Select(planOf).ToList(), DueAt, context.CancellationToken);
        });

    DateTimeOffset DueAt => time.GetUtcNow() + options.Value.Debounce;

    /// <summary>When a plan closed now gets its final score (<see cref="ScoringOptions.ClosingGrace"/>).</summary>
    public DateTimeOffset FinalFrom => time.GetUtcNow() + options.Value.ClosingGrace;
}
