using Dapper;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Alerts.Webhooks;

/// <summary>A registered webhook as operators list it (never its secret).</summary>
public sealed record WebhookView(Guid WebhookId, string Region, string Url, DateTimeOffset CreatedAt);

/// <summary>One delivery of a warning to a webhook, with its attempts.</summary>
public sealed record DeliveryView(Guid DeliveryId, Guid WarningId, string Status, int Attempts, string? LastError, DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt);

/// <summary>A delivery the dispatcher took: what to send, where, and the sealed secret to sign it with.</summary>
public sealed record ClaimedDelivery(Guid DeliveryId, Guid WebhookId, string Payload, int Attempts, string Url, string Secret);

/// <summary>Alerts' tables of webhooks and their deliveries.</summary>
public static class WebhookStore
{
    public static async Task CreateAsync(NpgsqlDataSource db, Guid webhookId, string region, string url, string sealedSecret, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhooks (webhook_id, region_code, url, secret, created_at) VALUES (@webhookId, @region, @url, @sealedSecret, @now)",
            new { webhookId, region, url, sealedSecret, now }, cancellationToken: ct));
    }

    public static async Task<IReadOnlyList<WebhookView>> ListAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(Guid WebhookId, string Region, string Url, DateTime CreatedAt)>(new CommandDefinition(
                "SELECT webhook_id, region_code, url, created_at FROM webhooks WHERE deleted_at IS NULL ORDER BY created_at", cancellationToken: ct)))
            .Select(w => new WebhookView(w.WebhookId, w.Region, w.Url, UtcDateTimeOffsetHandler.FromDatabase(w.CreatedAt))).ToList();
    }

    /// <summary>False when there is no such webhook (or it was deleted before).</summary>
    public static async Task<bool> DeleteAsync(NpgsqlDataSource db, Guid webhookId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhooks SET deleted_at = @now WHERE webhook_id = @webhookId AND deleted_at IS NULL", new { webhookId, now }, cancellationToken: ct)) == 1;
    }

    /// <summary>The last 500 deliveries of a webhook, newest first.</summary>
    public static async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(NpgsqlDataSource db, Guid webhookId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<DeliveryRow>(new CommandDefinition("""
                SELECT delivery_id AS DeliveryId, warning_id AS WarningId, status AS Status, attempts AS Attempts, last_error AS LastError,
                       next_attempt_at AS NextAttemptAt, delivered_at AS DeliveredAt
                FROM deliveries WHERE webhook_id = @webhookId ORDER BY created_at DESC LIMIT 500
                """, new { webhookId }, cancellationToken: ct)))
            .Select(d => new DeliveryView(d.DeliveryId, d.WarningId, d.Status, d.Attempts, d.LastError,
                UtcDateTimeOffsetHandler.FromDatabase(d.NextAttemptAt), UtcDateTimeOffsetHandler.FromDatabase(d.DeliveredAt))).ToList();
    }

    /// <summary>Writes, in the warning's transaction, one pending delivery to each webhook whose region covers <paramref name="regionCode"/>.</summary>
    public static async Task QueueAsync(MessagingTransaction tx, Guid warningId, string regionCode, string payload, DateTimeOffset now, CancellationToken ct)
    {
        var webhooks = await tx.Connection.QueryAsync<(Guid WebhookId, string RegionCode)>(new CommandDefinition(
            "SELECT webhook_id, region_code FROM webhooks WHERE deleted_at IS NULL", transaction: tx.Transaction, cancellationToken: ct));
        var receivers = webhooks.Where(w => Jurisdiction.Covers(w.RegionCode, regionCode)).Select(w => w.WebhookId).ToArray();
        if (receivers.Length == 0)
            return;
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO deliveries (delivery_id, webhook_id, warning_id, payload, status, next_attempt_at, created_at)
            SELECT gen_random_uuid(), w, @warningId, @payload, 'pending', @now, @now FROM unnest(@receivers) AS w
            """, new { warningId, payload, now, receivers }, tx.Transaction, cancellationToken: ct));
    }

    /// <summary>
    /// Claims up to 20 due deliveries by moving their next attempt a lease into the future (<c>SKIP LOCKED</c>, so
    /// replicas share the work), and counts those pending.
    /// </summary>
    public static async Task<(IReadOnlyList<ClaimedDelivery> Claimed, long Pending)> ClaimDueAsync(NpgsqlDataSource db, DateTimeOffset now,
        DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var claimed = (await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition("""
            UPDATE deliveries d SET next_attempt_at = @leaseUntil
            FROM webhooks w
            WHERE w.webhook_id = d.webhook_id AND d.delivery_id IN (
                SELECT delivery_id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= @now
                ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED)
            RETURNING d.delivery_id AS DeliveryId, w.webhook_id AS WebhookId, d.payload AS Payload, d.attempts AS Attempts, w.url AS Url, w.secret AS Secret
            """, new { now, leaseUntil }, cancellationToken: ct))).ToList();
        var pending = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM deliveries WHERE status = 'pending'", cancellationToken: ct));
        return (claimed, pending);
    }

    public static async Task RecordAttemptAsync(NpgsqlDataSource db, Guid deliveryId, string status, int attempts, DateTimeOffset next, string? error,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE deliveries SET status = @status, attempts = @attempts, next_attempt_at = @next, last_error = @error,
                delivered_at = CASE WHEN @status = 'delivered' THEN @now ELSE delivered_at END
            WHERE delivery_id = @deliveryId
            """, new { status, attempts, next, error, now, deliveryId }, cancellationToken: ct));
    }

    /// <summary>Every webhook, deleted ones too, whose stored secret does not start with <paramref name="sealedPrefix"/>.</summary>
    public static async Task<IReadOnlyList<(Guid WebhookId, string Secret)>> SealedOtherwiseAsync(NpgsqlDataSource db, string sealedPrefix,
        CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(Guid, string)>(new CommandDefinition(
            "SELECT webhook_id, secret FROM webhooks WHERE NOT starts_with(secret, @sealedPrefix)", new { sealedPrefix }, cancellationToken: ct))).ToList();
    }

    /// <summary>Replaces a stored secret by its new sealed form, unless another replica did first; 1 when this one did.</summary>
    public static async Task<int> ResealAsync(NpgsqlDataSource db, Guid webhookId, string stored, string sealedSecret, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhooks SET secret = @sealedSecret WHERE webhook_id = @webhookId AND secret = @stored",
            new { webhookId, stored, sealedSecret }, cancellationToken: ct));
    }

    sealed record DeliveryRow(Guid DeliveryId, Guid WarningId, string Status, int Attempts, string? LastError, DateTime NextAttemptAt, DateTime? DeliveredAt);
}
