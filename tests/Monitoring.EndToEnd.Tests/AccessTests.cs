using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>Keys are issued at ingest and reach every service through the bus.</summary>
public sealed class AccessTests
{
    [Fact]
    public async Task A_center_key_issued_at_ingest_reads_scores_of_its_region_at_scoring_until_it_is_revoked()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var scoring = await ServiceProcess.StartAsync("scoring", environment);
        await using var ingest = await ServiceProcess.StartAsync("ingest", environment);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.Http.PostAsJsonAsync("api/v1/plans", Plans.Filed("P-HZ-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.Http.PostAsJsonAsync("api/v1/plans", Plans.Filed("P-NB-1", regionCode: "330203"))).StatusCode);

        var created = await ingest.Http.PostAsJsonAsync("api/v1/keys", new { name = "杭州市中心", role = "center", region = "330100" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        using var center = new HttpClient { BaseAddress = scoring.BaseAddress };
        center.DefaultRequestHeaders.Authorization = TestKeys.Bearer(key.GetProperty("key").GetString()!);

        await Eventually.ReturnsAsync(() => center.GetAsync("api/v1/plans/P-HZ-1/score"), r => r.StatusCode == HttpStatusCode.OK,
            "scoring to learn the key and score the Hangzhou plan", context: () => scoring.Output);
        await Eventually.ReturnsAsync(() => scoring.Http.GetAsync("api/v1/plans/P-NB-1/score"), r => r.StatusCode == HttpStatusCode.OK, "the Ningbo plan's score");
        Assert.Equal(HttpStatusCode.Forbidden, (await center.GetAsync("api/v1/plans/P-NB-1/score")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ingest.Http.DeleteAsync($"api/v1/keys/{key.GetProperty("keyId").GetString()}")).StatusCode);
        await Eventually.ReturnsAsync(() => center.GetAsync("api/v1/plans/P-HZ-1/score"), r => r.StatusCode == HttpStatusCode.Unauthorized,
            "scoring to learn of the revocation");
    }
}
