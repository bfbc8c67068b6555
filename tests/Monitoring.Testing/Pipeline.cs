namespace Monitoring.Testing;

/// <summary>
/// The four services of the pipeline, each a process of its own on the test's environment (scoring, alerts and notice
/// first, so that nothing ingest publishes waits for a consumer to come up), stopped together in the reverse order.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    Pipeline(ServiceProcess scoring, ServiceProcess alerts, ServiceProcess notice, ServiceProcess ingest) =>
        (Scoring, Alerts, Notice, Ingest) = (scoring, alerts, notice, ingest);

    public ServiceProcess Scoring { get; }
    public ServiceProcess Alerts { get; }
    public ServiceProcess Notice { get; }
    public ServiceProcess Ingest { get; }

    /// <summary>Starts the four; <paramref name="asPlatform"/>: ingest's client sends the platform's key.</summary>
    public static async Task<Pipeline> StartAsync(TestEnvironment environment, bool asPlatform = true)
    {
        var started = new List<ServiceProcess>();
        try
        {
            foreach (var name in new[] { "scoring", "alerts", "notice", "ingest" })
                started.Add(await ServiceProcess.StartAsync(name, environment));
        }
        catch
        {
            foreach (var service in Enumerable.Reverse(started))
                await service.DisposeAsync();
            throw;
        }
        if (asPlatform)
            started[3].Http.DefaultRequestHeaders.Authorization = TestKeys.Bearer(environment.Keys.Platform);
        return new Pipeline(started[0], started[1], started[2], started[3]);
    }

    public void Deconstruct(out ServiceProcess scoring, out ServiceProcess alerts, out ServiceProcess notice, out ServiceProcess ingest) =>
        (scoring, alerts, notice, ingest) = (Scoring, Alerts, Notice, Ingest);

    public async ValueTask DisposeAsync()
    {
        await Ingest.DisposeAsync();
        await Notice.DisposeAsync();
        await Alerts.DisposeAsync();
        await Scoring.DisposeAsync();
    }
}
