using MassTransit;
using Microsoft.Extensions.Options;
using Monitoring.Contracts;

namespace Monitoring.Ingest.Publishing;

/// <summary>A contract message and the id it travels under.</summary>
public sealed record Outgoing(Contract Message, Guid MessageId)
{
    public static Outgoing Of(Contract message) => new(message, MessageIds.For(message));
}

/// <summary>
/// Publishes with publisher confirms (set on the bus) and returns only when the broker has every message
/// of the call; otherwise throws <see cref="BrokerUnavailableException"/> and the caller answers 503. The messages
/// go through the <see cref="PlanLedger"/> first; what was published (closings stamped with their counts) is returned.
/// </summary>
public sealed class BrokerPublisher(IBus bus, PlanLedger ledger, IOptions<IngestOptions> options, IngestMetrics metrics, ILogger<BrokerPublisher> logger)
{
    // Confirmations awaited together: enough to keep the channel busy, bounded so a 10,000-item call
    // does not queue 10,000 tasks at once.
    const int InFlight = 500;

    public async Task<IReadOnlyList<Outgoing>> PublishAsync(IReadOnlyList<Outgoing> messages, CancellationToken cancellationToken)
    {
        try
        {
            messages = await ledger.RecordAsync(messages, cancellationToken);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            logger.LogWarning(ex, "The plan ledger did not record {Count} messages", messages.Count);
            throw new BrokerUnavailableException("The database did not record the messages.", ex);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            for (var start = 0; start < messages.Count; start += InFlight)
            {
                var chunk = messages.Skip(start).Take(InFlight).Select(m =>
                    bus.Publish(m.Message, m.Message.GetType(), context => context.MessageId = m.MessageId, timeout.Token));
                await Task.WhenAll(chunk);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The broker did not confirm {Count} messages within {Timeout}", messages.Count, options.Value.PublishTimeout);
            throw new BrokerUnavailableException("The message broker did not confirm the messages.", ex);
        }
        foreach (var message in messages)
        {
            var type = message.Message.GetType().Name;
            metrics.Published.WithLabels(type).Inc();
            metrics.FactsAccepted.WithLabels(type).Inc(Submissions.Submission.Facts(message.Message));
        }
        return messages;
    }
}
