using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>考点备案: a new or changed exam site waits for the org's center to confirm it; scoring hears each decision.</summary>
public sealed class SiteTests
{
    static ExamSiteFiled Site(string address = "杭州市西湖区文三路1号") =>
        new("KD330106001", "S3301060001", "330106", "西湖考点", address, "330106", Scenario.Start);

    [Fact]
    public async Task A_filed_site_waits_for_the_orgs_center_and_a_change_waits_again()
    {
        await using var s = await Scenario.CreateAsync();
        var decided = await s.Environment.BindProbeQueueAsync(nameof(ExamSiteDecided));
        using var hangzhou = s.Hangzhou;
        await s.Bus.PublishAsync(Site());
        var pending = await Eventually.ReturnsAsync(async () => (await hangzhou.GetFromJsonAsync<JsonElement>("api/v1/sites?status=pending")).GetArrayLength(),
            n => n == 1, "the pending site");
        Assert.Equal(1, pending);

        var confirmed = await hangzhou.PostAsJsonAsync("api/v1/orgs/S3301060001/sites/KD330106001/confirmation", new { confirm = true, opinion = "场地设备符合要求" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hangzhou.PostAsJsonAsync("api/v1/orgs/S3301060001/sites/KD330106001/confirmation", new { confirm = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hangzhou.PostAsJsonAsync("api/v1/orgs/S3301060001/sites/KD999/confirmation", new { confirm = true })).StatusCode);

        // The same filing again changes nothing; a changed address waits for the center again.
        await s.Bus.PublishAsync(Site());
        await s.Bus.PublishAsync(Site("杭州市西湖区文三路2号"));
        await Eventually.ReturnsAsync(async () => (await hangzhou.GetFromJsonAsync<JsonElement>("api/v1/sites?status=pending")).GetArrayLength(),
            n => n == 1, "the changed site pending again");
        Assert.Equal(HttpStatusCode.OK, (await hangzhou.PostAsJsonAsync("api/v1/orgs/S3301060001/sites/KD330106001/confirmation", new { confirm = false })).StatusCode);

        await s.SettledAsync();
        var decisions = await s.Environment.DrainAtLeastAsync(decided, 2);
        Assert.Equal([true, false], decisions.Select(d => d.Message.GetProperty("confirmed").GetBoolean()));
    }

    [Fact]
    public async Task Another_citys_center_may_not_confirm_the_site_of_an_org_registered_in_Hangzhou()
    {
        await using var s = await Scenario.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Access:Keys:10:Name"] = "center-ningbo", ["Access:Keys:10:Role"] = "center", ["Access:Keys:10:Region"] = "330200",
            ["Access:Keys:10:Hash"] = TestKeys.Hash("mk_ningbo_site_test_key_0123456789abcdef0123456789abcdef"),
        });
        await s.Bus.PublishAsync(Site());
        using var hangzhou = s.Hangzhou;
        await Eventually.ReturnsAsync(async () => (await hangzhou.GetFromJsonAsync<JsonElement>("api/v1/sites")).GetArrayLength(), n => n == 1, "the site");
        using var ningbo = s.App.Client("mk_ningbo_site_test_key_0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.Forbidden, (await ningbo.PostAsJsonAsync("api/v1/orgs/S3301060001/sites/KD330106001/confirmation", new { confirm = true })).StatusCode);
        Assert.Equal(0, (await ningbo.GetFromJsonAsync<JsonElement>("api/v1/sites")).GetArrayLength());
    }
}
