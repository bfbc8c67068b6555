using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows to the broker and deletes them in one transaction. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so replicas share the work without publishing a row twice at once. If a
/// publish succeeds but the delete does not commit (a crash), the row goes out again with the same message
/// id and the consumers' inboxes drop it: delivery is at least once, the effect exactly once.
/// </summary>
public sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxSignal signal,
    MessagingMetrics metrics,
    IOptions<MessagingOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    public const string ActivitySourceName = "Monitoring.Outbox";
    static readonly ActivitySource Activities = new(ActivitySourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(stoppingToken) == options.Value.OutboxBatchSize) { }
                failures = 0;
                await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                metrics.OutboxRelayFailures.Inc();
                var backoff = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 7))));
                logger.LogError(ex, "Outbox relay failed ({Failures} in a row); retrying in {Backoff}", failures, backoff);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT id, message_id AS MessageId, message_type AS MessageType, body::text AS Body, destination AS Destination,
                   conversation_id AS ConversationId, correlation_id AS CorrelationId,
                   trace_parent AS TraceParent, created_at AS CreatedAt
            FROM outbox ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED
            """,
            new { limit = options.Value.OutboxBatchSize }, transaction, cancellationToken: cancellationToken))).AsList();
        if (rows.Count == 0)
            return 0;

        foreach (var row in rows)
            await PublishAsync(row, cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox WHERE id = ANY(@ids)", new { ids = rows.Select(r => r.Id).ToArray() },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        logger.LogDebug("Relayed {Count} outbox messages", rows.Count);
        return rows.Count;
    }

    async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var type = OutboxMessageType.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Body, type, ContractSerialization.Options)
            ?? throw new InvalidOperationException($"Outbox row {row.Id} holds an empty {type.Name}");

        using var activity = Activities.StartActivity($"outbox relay {type.Name}", ActivityKind.Producer, row.TraceParent);
        void Stamp(SendContext context)
        {
            context.MessageId = row.MessageId;
            context.ConversationId = row.ConversationId ?? context.ConversationId;
            context.CorrelationId = row.CorrelationId ?? context.CorrelationId;
        }
        if (row.Destination is null)
            await bus.Publish(message, type, Stamp, cancellationToken);
        else
        {
            // To the receiving endpoint's exchange (MassTransit names it as the queue and binds it to the queue), not
            // "queue:": that would declare the queue again from here, without the arguments of a quorum queue,
            // which RabbitMQ refuses for a queue that exists as one.
            await (await bus.GetSendEndpoint(new Uri($"exchange:{row.Destination}"))).Send(message, type, Stamp, cancellationToken);
        }

        metrics.OutboxRelayed.WithLabels(type.Name).Inc();
        metrics.OutboxLag.Observe(Math.Max(0, (DateTime.UtcNow - row.CreatedAt).TotalSeconds));
    }

    sealed record OutboxRow(
        long Id, Guid MessageId, string MessageType, string Body, string? Destination,
        Guid? ConversationId, Guid? CorrelationId, string? TraceParent, DateTime CreatedAt);
}
