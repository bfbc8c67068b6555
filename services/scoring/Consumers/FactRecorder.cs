using MassTransit;
using Microsoft.Extensions.Options;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// What every fact consumer does: store the fact once per message id and ask for the plan to be rescored
/// after the debounce, in the same transaction.
/// </summary>
public sealed class FactRecorder(ReliableMessaging messaging, TimeProvider time, IOptions<ScoringOptions> options)
{
    public Task RecordAsync<T>(ConsumeContext<T> context, string consumer, string planId, Func<MessagingTransaction, CancellationToken, Task> save)
        where T : class =>
        messaging.ConsumeOnceAsync(context, consumer, async tx =>
        {
            await save(tx, context.CancellationToken);
            await FactStore.EnqueueRescoreAsync(tx.Connection, tx.Transaction, [planId], DueAt, context.CancellationToken);
        });

    public Task RecordBatchAsync<T>(ConsumeContext<Batch<T>> context, string consumer, Func<T, string> planOf,
        Func<MessagingTransaction, IReadOnlyList<T>, CancellationToken, Task> save)
        where T : class =>
        messaging.ConsumeBatchOnceAsync(context, consumer, async (tx, messages) =>
        {
            await save(tx, messages, context.CancellationToken);
            await FactStore.EnqueueRescoreAsync(tx.Connection, tx.Transaction, messages.Select(planOf).ToList(), DueAt, context.CancellationToken);
        });

    DateTimeOffset DueAt => time.GetUtcNow() + options.Value.Debounce;

    /// <summary>When a plan closed now gets its final score (<see cref="ScoringOptions.ClosingGrace"/>).</summary>
    public DateTimeOffset FinalFrom => time.GetUtcNow() + options.Value.ClosingGrace;
}
