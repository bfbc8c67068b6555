using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitoring.ServiceDefaults.Telemetry;

/// <summary>
/// Gauges read when <c>/metrics</c> is scraped, from the service's database or its health: always current, and no
/// cost when nobody scrapes. Database gauges are the same on every replica (aggregate them with <c>max</c>).
/// </summary>
public interface IScrapeGauges
{
    Task RefreshAsync(CancellationToken ct);
}

/// <summary>
/// Refreshes every <see cref="IScrapeGauges"/> before a scrape. A refresh that fails or takes longer than
/// <see cref="Timeout"/> leaves its gauges at their last values and is logged: the scrape itself still answers, so
/// a slow database shows as a stale gauge and <c>monitoring_ready</c> 0, not as the service being down.
/// </summary>
public sealed class ScrapeGaugesRefresher(HostMetrics metrics, IEnumerable<IScrapeGauges> gauges, ILogger<ScrapeGaugesRefresher> logger) : IHostedService
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var all = gauges.ToList();
        metrics.Registry.AddBeforeCollectCallback(async ct =>
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(Timeout);
            await Task.WhenAll(all.Select(g => RefreshAsync(g, limit.Token)));
        });
        return Task.CompletedTask;
    }

    async Task RefreshAsync(IScrapeGauges gauge, CancellationToken ct)
    {
        try
        {
            await gauge.RefreshAsync(ct);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Gauges} could not be refreshed for a scrape; they keep their last values", gauge.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary><c>monitoring_ready</c>: 1 while the readiness checks (<c>/health/ready</c>) pass.</summary>
public sealed class ReadinessGauge(HostMetrics metrics, HealthCheckService health) : IScrapeGauges
{
    readonly Prometheus.Gauge ready = metrics.Factory.CreateGauge("monitoring_ready", "1 while the service's readiness checks (/health/ready) pass, else 0.");

    public async Task RefreshAsync(CancellationToken ct)
    {
        try
        {
            var report = await health.CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready), ct);
            ready.Set(report.Status == HealthStatus.Healthy ? 1 : 0);
        }
        catch (OperationCanceledException)
        {
            // Checks slower than the scrape's limit: not ready.
            ready.Set(0);
        }
    }
}

/// <summary>Creates a service's metrics at start, so that its series exist (at 0) from the first scrape.</summary>
sealed class EagerMetrics<T>(T metrics) : IHostedService where T : class
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(metrics);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class ScrapeGaugesExtensions
{
    /// <summary>
    /// Registers a service's metrics class, created at start: a counter that first appears with the value of a whole
    /// burst (a day sent within one scrape interval) shows no increase to <c>rate</c>; one there at 0 does.
    /// </summary>
    public static IServiceCollection AddMetrics<T>(this IServiceCollection services) where T : class =>
        services.AddSingleton<T>().AddHostedService<EagerMetrics<T>>();

    /// <summary>Registers gauges refreshed at scrape time.</summary>
    public static IServiceCollection AddScrapeGauges<T>(this IServiceCollection services) where T : class, IScrapeGauges =>
        services.AddSingleton<IScrapeGauges, T>();
}
