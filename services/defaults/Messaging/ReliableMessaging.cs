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
