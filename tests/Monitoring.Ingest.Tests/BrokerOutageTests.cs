using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>Ingest that gives the broker two seconds to confirm.</summary>
public sealed class ImpatientIngestApp : IngestApp
{
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Ingest:RateLimitPerSecond"] = "100000",
        ["Ingest:RateLimitBurst"] = "100000",
        ["Ingest:PublishTimeout"] = "00:00:02",
    };
}

/// <summary>
/// The broker stops serving ingest's virtual host (its connection limit drops to 0 and its connections are
/// closed, which is what ingest sees when the broker goes down), then comes back.
/// </summary>
public sealed class BrokerOutageTests(ImpatientIngestApp app) : IClassFixture<ImpatientIngestApp>
{
    [Fact]
    public async Task With_the_broker_down_ingest_answers_503_with_Retry_After_never_202_and_accepts_again_when_it_returns()
    {
        var probe = await app.Environment.BindProbeQueueAsync("PlanFiled");
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("api/v1/plans", Samples.Plan("P-BEFORE"))).StatusCode);

        await StopBrokerAsync();
        try
        {
            // Degraded, not unready: the instance keeps answering 503 with Retry-After itself while the bus reconnects.
            await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await client.GetStringAsync("health/ready")).RootElement
                .GetProperty("checks").GetProperty("broker").GetProperty("status").GetString(), s => s != "Healthy", "readiness to report the broker down");
            foreach (var planId in new[] { "P-DURING-1", "P-DURING-2" })
            {
                var refused = await client.PostAsJsonAsync("api/v1/plans", Samples.Plan(planId));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            }
            var keyed = await SendWithKeyAsync(client, "outage-key", "P-DURING-KEYED");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, keyed.StatusCode);

            var import = await client.PostAsync("api/v1/import", new StringContent(
                JsonSerializer.Serialize(new { type = "plan", body = Samples.Plan("P-DURING-IMPORT") }) + "\n", Encoding.UTF8, "application/x-ndjson"));
            var answers = (await import.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(answers, a => a.Contains("\"status\":\"unavailable\",\"line\":1", StringComparison.Ordinal));
            Assert.DoesNotContain(answers, a => a.Contains("\"status\":\"accepted\"", StringComparison.Ordinal));
        }
        finally
        {
            await StartBrokerAsync();
        }

        // The key was given back with the 503, so the retry is served, not refused as "in progress".
        var retried = await Eventually.ReturnsAsync(() => SendWithKeyAsync(client, "outage-key", "P-DURING-KEYED"),
            r => r.StatusCode == HttpStatusCode.Accepted, "ingest to accept again once the broker is back");
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);

        var published = (await app.Environment.DrainAtLeastAsync(probe, 2)).Select(m => m.Message.GetProperty("planId").GetString()).ToList();
        Assert.Equal("P-BEFORE", published[0]);
        Assert.DoesNotContain("P-DURING-1", published);
        Assert.DoesNotContain("P-DURING-2", published);
        Assert.DoesNotContain("P-DURING-IMPORT", published);
        Assert.Contains("P-DURING-KEYED", published);
    }

    static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key, string planId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/plans") { Content = JsonContent.Create(Samples.Plan(planId)) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    async Task StopBrokerAsync()
    {
        var vhost = Uri.EscapeDataString(app.Environment.VirtualHost);
        using var management = app.Environment.Infrastructure.ManagementClient();
        (await management.PutAsJsonAsync($"api/vhost-limits/{vhost}/max-connections", new { value = 0 })).EnsureSuccessStatusCode();
        // The management API lists a connection only after its first statistics (up to 5 s): wait to have closed
        // at least one, and for none to be left.
        var closed = 0;
        await Eventually.ReturnsAsync(async () =>
        {
            var connections = JsonDocument.Parse(await management.GetStringAsync($"api/vhosts/{vhost}/connections")).RootElement;
            foreach (var connection in connections.EnumerateArray())
            {
                await management.DeleteAsync($"api/connections/{Uri.EscapeDataString(connection.GetProperty("name").GetString()!)}");
                closed++;
            }
            return closed > 0 && connections.GetArrayLength() == 0;
        }, done => done, "ingest's connections to be closed");
    }

    async Task StartBrokerAsync()
    {
        var vhost = Uri.EscapeDataString(app.Environment.VirtualHost);
        using var management = app.Environment.Infrastructure.ManagementClient();
        (await management.DeleteAsync($"api/vhost-limits/{vhost}/max-connections")).EnsureSuccessStatusCode();
    }
}
