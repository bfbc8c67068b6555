using Dapper;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>
/// The entry to the service's state: transactions whose messages go through the outbox, and consumption
/// that passes the inbox so a redelivered message changes nothing.
/// </summary>
public sealed class ReliableMessaging(
    NpgsqlDataSource dataSource,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    ILogger<ReliableMessaging> logger)
{
    public Task<MessagingTransaction> BeginAsync(CancellationToken cancellationToken) =>
        BeginAsync(null, null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> once per message id and consumer: the inbox row, the state change and
    /// the outgoing messages commit together. A redelivery of a committed message is acknowledged and dropped.
    /// </summary>
    public async Task ConsumeOnceAsync<TMessage>(
        ConsumeContext<TMessage> context, string consumer, Func<MessagingTransaction, Task> change)
        where TMessage : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id, so it cannot be deduplicated");
        var cancellationToken = context.CancellationToken;

        await using var transaction = await BeginAsync(context.ConversationId, context.CorrelationId, cancellationToken);
        var first = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox (consumer, message_id) VALUES (@consumer, @messageId) ON CONFLICT DO NOTHING",
            new { consumer, messageId }, transaction.Transaction, cancellationToken: cancellationToken));
        if (first == 0)
        {
            MessagingMetrics.Duplicates.WithLabels(consumer).Inc();
            logger.LogInformation("{Consumer} already handled message {MessageId}; dropping the redelivery", consumer, messageId);
            return;
        }

        await change(transaction);
        await transaction.CommitAsync(cancellationToken);
        MessagingMetrics.Consumed.WithLabels(consumer, typeof(TMessage).Name).Inc();
    }

    /// <summary>
    /// The batch form of <see cref="ConsumeOnceAsync{TMessage}"/>: one transaction for the whole batch, whose
    /// inbox rows are written in one statement; <paramref name="change"/> sees only the messages this consumer
    /// has not handled before (a redelivered batch may mix old and new ones).
    /// </summary>
    public async Task ConsumeBatchOnceAsync<TMessage>(
        ConsumeContext<Batch<TMessage>> context, string consumer, Func<MessagingTransaction, IReadOnlyList<TMessage>, Task> change)
        where TMessage : class
    {
        var cancellationToken = context.CancellationToken;
        var messages = context.Message.Select(m => (Id: m.MessageId ?? throw new InvalidOperationException(
            $"{typeof(TMessage).Name} arrived without a message id, so it cannot be deduplicated"), m.Message)).ToList();

        await using var transaction = await BeginAsync(context.ConversationId, context.CorrelationId, cancellationToken);
        var fresh = (await transaction.Connection.QueryAsync<Guid>(new CommandDefinition(
            "INSERT INTO inbox (consumer, message_id) SELECT @consumer, id FROM unnest(@ids) AS id ON CONFLICT DO NOTHING RETURNING message_id",
            new { consumer, ids = messages.Select(m => m.Id).Distinct().ToArray() }, transaction.Transaction, cancellationToken: cancellationToken))).ToHashSet();
        var duplicates = messages.Count - fresh.Count;
        if (duplicates > 0)
        {
            MessagingMetrics.Duplicates.WithLabels(consumer).Inc(duplicates);
            logger.LogInformation("{Consumer} already handled {Count} messages of a batch; dropping them", consumer, duplicates);
        }

        var seen = new HashSet<Guid>();
        var batch = messages.Where(m => fresh.Contains(m.Id) && seen.Add(m.Id)).Select(m => m.Message).ToList();
        if (batch.Count > 0)
            await change(transaction, batch);
        await transaction.CommitAsync(cancellationToken);
        MessagingMetrics.Consumed.WithLabels(consumer, typeof(TMessage).Name).Inc(batch.Count);
    }

    async Task<MessagingTransaction> BeginAsync(Guid? conversationId, Guid? correlationId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new MessagingTransaction(connection, transaction, signal, options.Value.CrashAfterOutboxCommit, conversationId, correlationId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
