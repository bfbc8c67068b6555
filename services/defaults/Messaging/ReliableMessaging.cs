using Dapper;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>
/// The entry to the service's state: transactions whose messages go through the outbox (endpoints and
/// workers begin them here; consumers get theirs from <see cref="ExactlyOnceFilter{TConsumer, TMessage}"/>).
/// </summary>
public sealed class ReliableMessaging(
    NpgsqlDataSource dataSource,
    OutboxSignal signal,
    MessagingMetrics metrics,
    ILogger<ReliableMessaging> logger)
{
    public Task<MessagingTransaction> BeginAsync(CancellationToken cancellationToken) =>
        BeginAsync(null, null, cancellationToken);

    /// <summary>
    /// Exactly-once for a batch consumer (see <see cref="ExactlyOnceFilter{TConsumer, TMessage}"/> for the others):
    /// one transaction for the whole batch, whose inbox rows are written in one statement; <paramref name="change"/>
    /// sees only the messages this consumer has not handled before (a redelivered batch may mix old and new ones).
    /// </summary>
    public Task ConsumeBatchOnceAsync<TMessage>(
        ConsumeContext<Batch<TMessage>> context, string consumer, Func<MessagingTransaction, IReadOnlyList<TMessage>, Task> change)
        where TMessage : class =>
        ConsumeBatchOnceAsync(context, consumer, (tx, messages) => change(tx, [.. messages.Select(m => m.Message)]));

    /// <summary>
    /// As above, with each message's id (a consumer that keeps a ledger of what it has folded in) and trace parent
    /// (<see cref="MessageTrace"/>: work done for one message continues its trace).
    /// </summary>
    public async Task ConsumeBatchOnceAsync<TMessage>(
        ConsumeContext<Batch<TMessage>> context, string consumer, Func<MessagingTransaction, IReadOnlyList<BatchItem<TMessage>>, Task> change)
        where TMessage : class
    {
        var cancellationToken = context.CancellationToken;
        var messages = context.Message.Select(m => new BatchItem<TMessage>(m.MessageId ?? throw new InvalidOperationException(
            $"{typeof(TMessage).Name} arrived without a message id, so it cannot be deduplicated"), m.Message, MessageTrace.Of(m))).ToList();

        await using var transaction = await BeginAsync(context.ConversationId, context.CorrelationId, cancellationToken);
        var fresh = (await transaction.Connection.QueryAsync<Guid>(new CommandDefinition(
            "INSERT INTO inbox (consumer, message_id) SELECT @consumer, id FROM unnest(@ids) AS id ON CONFLICT DO NOTHING RETURNING message_id",
            new { consumer, ids = messages.Select(m => m.Id).Distinct().ToArray() }, transaction.Transaction, cancellationToken: cancellationToken))).ToHashSet();
        var duplicates = messages.Count - fresh.Count;
        if (duplicates > 0)
        {
            metrics.Duplicates.WithLabels(consumer).Inc(duplicates);
            logger.LogInformation("{Consumer} already handled {Count} messages of a batch; dropping them", consumer, duplicates);
        }

        var seen = new HashSet<Guid>();
        var batch = messages.Where(m => fresh.Contains(m.Id) && seen.Add(m.Id)).ToList();
        if (batch.Count > 0)
            await change(transaction, batch);
        await transaction.CommitAsync(cancellationToken);
        metrics.Consumed.WithLabels(consumer, typeof(TMessage).Name).Inc(batch.Count);
    }

    /// <summary>A transaction whose messages carry the conversation and correlation of the message that caused them.</summary>
    internal async Task<MessagingTransaction> BeginAsync(Guid? conversationId, Guid? correlationId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new MessagingTransaction(connection, transaction, signal, metrics, conversationId, correlationId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A message of a batch: its id, body and the trace it came in (a W3C <c>traceparent</c>, if any).</summary>
public sealed record BatchItem<TMessage>(Guid Id, TMessage Message, string? TraceParent);
