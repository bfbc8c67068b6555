using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Monitoring.ServiceDefaults.Telemetry;

/// <summary>
/// This host's own metrics: a prometheus-net registry that <c>/metrics</c> exports, with the .NET runtime's
/// collectors, its event counters and every <see cref="System.Diagnostics.Metrics.Meter"/> (ASP.NET Core, Npgsql,
/// MassTransit) adapted into it while the host runs. The service's own series are created from
/// <see cref="Factory"/>. Nothing goes to prometheus-net's process-wide default registry, so several hosts in
/// one process (the tests) each count only what they did.
/// </summary>
public sealed class HostMetrics : IHostedService, IDisposable
{
    static HostMetrics()
    {
        // The default registry is not exported by anyone; its adapters would only listen in vain.
        try
        {
            Metrics.SuppressDefaultMetrics();
        }
        catch (InvalidOperationException)
        {
            // Something used the default registry first; it stays unexported.
        }
    }

    readonly List<IDisposable> listeners = [];

    public HostMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        Factory = Metrics.WithCustomRegistry(Registry);
        DotNetStats.Register(Registry);
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meters = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Factory,
            // .NET's internal QUIC meters are dozens of always-zero series nobody here reads.
            InstrumentFilterPredicate = instrument => !instrument.Meter.Name.StartsWith("Private.InternalDiagnostics", StringComparison.Ordinal),
        });
        var counters = EventCounterAdapter.StartListening(new EventCounterAdapterOptions { Registry = Registry, MetricFactory = Factory });
        lock (listeners)
            listeners.AddRange([meters, counters]);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the adapters, once, however often and from whichever thread it is called: the host's stop and the container's
    /// disposal can overlap (seen in CI as "Collection was modified" while a test host stopped).
    /// </summary>
    public void Dispose()
    {
        IDisposable[] stopping;
        lock (listeners)
        {
            stopping = [.. listeners];
            listeners.Clear();
        }
        foreach (var listener in stopping)
            listener.Dispose();
    }
}
