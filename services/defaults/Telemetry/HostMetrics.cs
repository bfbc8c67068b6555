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
        listeners.Add(MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Factory,
            // .NET's internal QUIC meters are dozens of always-zero series nobody here reads.
            InstrumentFilterPredicate = instrument => !instrument.Meter.Name.StartsWith("Private.InternalDiagnostics", StringComparison.Ordinal),
        }));
        listeners.Add(EventCounterAdapter.StartListening(new EventCounterAdapterOptions { Registry = Registry, MetricFactory = Factory }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var listener in listeners)
            listener.Dispose();
        listeners.Clear();
    }
}
