using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Monitoring.Contracts;
using Npgsql;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>
/// A database transaction on the service's schema that can also publish: <see cref="Publish{T}"/> only
/// records the message, and <see cref="CommitAsync"/> writes it to the outbox in the same transaction as
/// the state change, so the change and its messages exist together or not at all. The relay publishes
/// them after commit.
/// </summary>
public sealed class MessagingTransaction : IAsyncDisposable
{
    readonly OutboxSignal signal;
    readonly MessagingMetrics metrics;
    readonly List<(Guid Id, string Type, string Body, string Label, string? Destination, string? TraceParent)> pending = [];
    readonly List<Action> committed = [];

    internal MessagingTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxSignal signal, MessagingMetrics metrics,
        Guid? conversationId, Guid? correlationId)
    {
        Connection = connection;
        Transaction = transaction;
        this.signal = signal;
        this.metrics = metrics;
        ConversationId = conversationId;
        CorrelationId = correlationId;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    Guid? ConversationId { get; }
    Guid? CorrelationId { get; }

    /// <summary>
    /// Queues an event for the outbox, published to its subscribers only if the transaction commits. It continues the
    /// trace of <paramref name="traceParent"/> (a W3C <c>traceparent</c>) when given, else the current activity's.
    /// </summary>
    public Guid Publish<T>(T message, string? traceParent = null) where T : Contract => Add(message, null, traceParent);

    /// <summary>
    /// Queues a command for the outbox, sent to the one queue that carries it out (MassTransit's convention for
    /// commands; through the endpoint's exchange, see <see cref="OutboxRelay"/>) only if the transaction commits.
    /// </summary>
    public Guid Send<T>(string queue, T message, string? traceParent = null) where T : Contract => Add(message, queue, traceParent);

    /// <summary>Runs <paramref name="action"/> once the transaction has committed (counting what it did, say); never if it does not.</summary>
    public void OnCommitted(Action action) => committed.Add(action);

    Guid Add<T>(T message, string? destination, string? traceParent) where T : Contract
    {
        var id = NewId.NextGuid();
        pending.Add((id, OutboxMessageType.NameOf(typeof(T)), JsonSerializer.Serialize(message, ContractSerialization.Options), typeof(T).Name, destination,
            traceParent ?? Activity.Current?.Id));
        return id;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (pending.Count > 0)
        {
            await Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO outbox (message_id, message_type, body, destination, conversation_id, correlation_id, trace_parent)
                SELECT id, type, body::jsonb, destination, @conversationId, @correlationId, trace_parent
                FROM unnest(@ids, @types, @bodies, @destinations, @traceParents) AS m(id, type, body, destination, trace_parent)
                """,
                new
                {
                    ids = pending.Select(p => p.Id).ToArray(),
                    types = pending.Select(p => p.Type).ToArray(),
                    bodies = pending.Select(p => p.Body).ToArray(),
                    destinations = pending.Select(p => p.Destination).ToArray(),
                    traceParents = pending.Select(p => p.TraceParent).ToArray(),
                    conversationId = ConversationId,
                    correlationId = CorrelationId,
                },
                Transaction, cancellationToken: cancellationToken));
        }

        await Transaction.CommitAsync(cancellationToken);
        foreach (var action in committed)
            action();
        if (pending.Count == 0)
            return;

        foreach (var message in pending)
            metrics.OutboxWritten.WithLabels(message.Label).Inc();
        signal.Notify();
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
