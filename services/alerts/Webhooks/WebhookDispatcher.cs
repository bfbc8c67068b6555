using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monitoring.Alerts.Webhooks;

/// <summary>
/// Sends the deliveries the warning transactions wrote. A delivery is claimed by moving its next attempt
/// a lease into the future (<c>SKIP LOCKED</c>, so replicas share the work), sent without holding any
/// lock, then recorded: delivered, retried after the next backoff step, or failed after the last one.
/// Consumers never wait for a receiver, and a dead receiver loses nothing: every attempt is on record.
/// </summary>
public sealed class WebhookDispatcher(
    NpgsqlDataSource dataSource,
    IHttpClientFactory clients,
    WebhookSecrets secrets,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    AlertsMetrics metrics,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundWork)
            return;
        using var timer = new PeriodicTimer(options.Value.DeliveryPollInterval, time);
        do
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) > 0)
                {
                    // Keep sending while deliveries are due.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Webhook dispatch failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends up to one page of due deliveries; returns how many it attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (claimed, pending) = await WebhookStore.ClaimDueAsync(dataSource, now, now + Lease, ct);
        metrics.DeliveriesPending.Set(pending);
        await Task.WhenAll(claimed.Select(d => SendAsync(d, ct)));
        return claimed.Count;
    }

    async Task SendAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        string? error = null;
        try
        {
            using var client = clients.CreateClient(ClientName);
            client.Timeout = options.Value.DeliveryTimeout;
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.DeliveryId.ToString());
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader,
                WebhookSignature.Sign(secrets.Open(delivery.WebhookId, delivery.Secret), timestamp, delivery.Payload));
            using var response = await client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                error = $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookAddressRefusedException refused)
        {
            error = "refused: " + refused.Message;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            error = ex.Message;
        }

        var attempts = delivery.Attempts + 1;
        var backoff = options.Value.DeliveryBackoff;
        var now = time.GetUtcNow();
        var (status, next, outcome) = error is null ? ("delivered", now, "delivered")
            : attempts > backoff.Length ? ("failed", now, "failed")
            : ("pending", now + backoff[attempts - 1], "retry");
        await WebhookStore.RecordAttemptAsync(dataSource, delivery.DeliveryId, status, attempts, next, error, now, ct);
        metrics.Deliveries.WithLabels(outcome).Inc();
        if (error is not null)
            logger.LogWarning("Webhook delivery {DeliveryId} to {Url} failed (attempt {Attempts}): {Error}; {Status}",
                delivery.DeliveryId, delivery.Url, attempts, error, status == "failed" ? "giving up" : $"next at {next:O}");
    }
}
