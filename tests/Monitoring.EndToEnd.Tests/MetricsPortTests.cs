using System.Globalization;
using System.Net;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>
/// With <c>Metrics:Port</c> (as deploy/k8s sets it), <c>/metrics</c> answers on that port only and the API does not, so
/// a network policy can open the API and keep the metrics to the monitoring namespace.
/// </summary>
public sealed class MetricsPortTests
{
    [Fact]
    public async Task Metrics_answer_on_their_own_port_only_and_the_api_not_there()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var metricsPort = ServiceProcess.FreePort();
        await using var scoring = await ServiceProcess.StartAsync("scoring", environment, new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{{port}};http://127.0.0.1:{metricsPort}",
            ["Metrics__Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        });
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}/") };

        var scraped = await metrics.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("monitoring_ready", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await scoring.Http.GetAsync("metrics")).StatusCode);
        // Not through the API's port with the metrics port in the Host header either: the port the connection came in on decides.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Host = $"127.0.0.1:{metricsPort}" } };
        Assert.Equal(HttpStatusCode.NotFound, (await scoring.Http.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("api/v1/policies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scoring.Http.GetAsync("health/ready")).StatusCode);
    }
}
