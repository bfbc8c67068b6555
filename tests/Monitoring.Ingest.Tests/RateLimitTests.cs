using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>Ingest with a tiny per-key budget: two requests at once, then one a second.</summary>
public sealed class ThrottledIngestApp : IngestApp
{
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Ingest:RateLimitPerSecond"] = "1",
        ["Ingest:RateLimitBurst"] = "2",
    };
}

public sealed class RateLimitTests(ThrottledIngestApp app) : IClassFixture<ThrottledIngestApp>
{
    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_Retry_After_while_another_key_goes_on()
    {
        using var platform = app.Client();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        while (limited is null && statuses.Count < 50)
        {
            var response = await platform.PostAsJsonAsync("api/v1/plans/P-RATE/close", Samples.Close());
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited = response;
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted], statuses.Take(2));
        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        using var other = app.Client(app.Environment.Keys.Operator);
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostAsJsonAsync("api/v1/plans/P-RATE/close", Samples.Close())).StatusCode);
    }
}
