using System.Diagnostics;
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
public sealed class FactRecorder(ReliableMessaging messaging, RescoreWake wake, TimeProvider time, IOptions<ScoringOptions> options)
{
    /// <summary>Stores a fact that is not one of ingest's messages (a warning alerts raised) and asks for a rescore.</summary>
    public async Task RecordAsync(MessagingTransaction tx, string planId, Func<MessagingTransaction, CancellationToken, Task> save,
        CancellationToken ct)
    {
        await save(tx, ct);
        var due = DueAt;
        await RescoreQueue.EnqueueAsync(tx, [(planId, due, Activity.Current?.Id)], ct);
        // Before the commit, but the due time is a debounce away.
        wake.At(due);
    }

    /// <summary>
    /// A batch of ingest's messages: stored by <paramref name="save"/> (one statement for the batch), counted in their
    /// plans' ledgers unless <paramref name="counted"/> is false, rescores asked for; one transaction and one inbox
    /// statement for the batch.
    /// </summary>
    public Task RecordBatchAsync<T>(ConsumeContext<Batch<T>> context, string consumer, Func<T, string> planOf,
        Func<MessagingTransaction, IReadOnlyList<T>, CancellationToken, Task> save, bool counted = true)
        where T : class =>
        RecordBatchAsync(context, consumer, planOf, async (tx, messages, ct) =>
        {
            await save(tx, messages, ct);
            return (IReadOnlyCollection<string>)[];
        }, counted);

    /// <summary>
    /// As above, for facts that change other plans' facts too (a dispatch counts in the examiner draws of the org's later
    /// plans): <paramref name="save"/> returns those plans, and they are asked for with the batch's own in the same
    /// statement (rows in plan order, so two writers never wait for each other in a circle).
    /// </summary>
    public async Task RecordBatchAsync<T>(ConsumeContext<Batch<T>> context, string consumer, Func<T, string> planOf,
        Func<MessagingTransaction, IReadOnlyList<T>, CancellationToken, Task<IReadOnlyCollection<string>>> save, bool counted = true)
        where T : class
    {
        var due = DueAt;
        await messaging.ConsumeBatchOnceAsync<T>(context, consumer, async (tx, messages) =>
        {
            var others = await save(tx, [.. messages.Select(m => m.Message)], context.CancellationToken);
            if (counted)
                await FactStore.CountMessagesAsync(tx, [.. messages.Select(m => (planOf(m.Message), m.Id))], context.CancellationToken);
            // Each plan's scoring continues the trace of its latest fact here; another plan whose facts changed keeps its own.
            await RescoreQueue.EnqueueAsync(tx, [.. messages.Select(m => (planOf(m.Message), due, m.TraceParent)),
                .. others.Select(planId => (planId, due, (string?)null))], context.CancellationToken);
        });
        wake.At(due);
    }

    /// <summary>
    /// A batch of one-fact messages (a plan's filing, review, paper…): as <see cref="RecordBatchAsync{T}"/>, each fact
    /// stored with a statement of its own, in plan order (a stable sort: a plan's own facts keep their order), so two
    /// batches lock rows in the same order.
    /// </summary>
    public Task RecordEachAsync<T>(ConsumeContext<Batch<T>> context, string consumer, Func<T, string> planOf,
        Func<MessagingTransaction, T, CancellationToken, Task> save, bool counted = true)
        where T : class =>
        RecordBatchAsync(context, consumer, planOf, async (tx, messages, ct) =>
        {
            foreach (var message in messages.OrderBy(planOf, StringComparer.Ordinal))
                await save(tx, message, ct);
        }, counted);

    /// <summary>Asks for the rescore of plans whose facts a change outside their own messages touched (a certificate of their staff).</summary>
    public async Task RescoreAsync(MessagingTransaction tx, IReadOnlyCollection<string> planIds, CancellationToken ct)
    {
        if (planIds.Count == 0)
            return;
        var due = DueAt;
        await RescoreQueue.EnqueueAsync(tx, planIds, due, ct);
        wake.At(due);
    }

    DateTimeOffset DueAt => time.GetUtcNow() + options.Value.Debounce;

    /// <summary>When a plan closed now gets its final score (<see cref="ScoringOptions.ClosingGrace"/>).</summary>
    public DateTimeOffset FinalFrom => time.GetUtcNow() + options.Value.ClosingGrace;
}
