using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>
/// A cross-region application (浙江省职业技能等级认定申请表) goes through its two approvals: the center where the site is
/// assesses it, then the municipal center approves it and assigns supervision; scoring hears the decision.
/// </summary>
public sealed class ApplicationTests
{
    static readonly string Xihu = "mk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    static readonly string Ningbo = "mk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    // A county center (西湖区, under Hangzhou) and another city's center, besides the test environment's keys.
    static readonly Dictionary<string, string?> Keys = new()
    {
        ["Access:Keys:10:Name"] = "center-xihu", ["Access:Keys:10:Role"] = "center", ["Access:Keys:10:Region"] = "330106",
        ["Access:Keys:10:Hash"] = TestKeys.Hash(Xihu),
        ["Access:Keys:11:Name"] = "center-ningbo", ["Access:Keys:11:Role"] = "center", ["Access:Keys:11:Region"] = "330200",
        ["Access:Keys:11:Hash"] = TestKeys.Hash(Ningbo),
    };

    static CrossRegionApplicationFiled Application(string id) => new(id, "S3302030001", "宁波市某职业技能培训学校", "330203", "张三", "0574-12345678",
        "杭州西湖考点", "杭州市西湖区文三路1号", "330106",
        [new ApplicationLine("4-03-02-01", "中式烹调师", "社会人员", 4, 40, new DateOnly(2026, 12, 21))], Scenario.Start);

    [Fact]
    public async Task The_site_center_assesses_the_municipal_center_approves_and_assigns_supervision_and_scoring_hears_of_it()
    {
        await using var s = await Scenario.CreateAsync(settings: Keys);
        var decided = await s.Environment.BindProbeQueueAsync(nameof(CrossRegionApplicationDecided));
        await s.Bus.PublishAsync(Application("A-2026-001"));
        using var hangzhou = s.Hangzhou;
        using var xihu = s.App.Client(Xihu);
        using var ningbo = s.App.Client(Ningbo);
        var filed = await Eventually.ReturnsAsync(async () => await hangzhou.GetAsync("api/v1/applications/A-2026-001"), r => r.StatusCode == HttpStatusCode.OK,
            "the application");
        Assert.Equal("filed", (await ReadAsync(filed)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await ningbo.GetAsync("api/v1/applications/A-2026-001")).StatusCode);
        Assert.Empty((await ningbo.GetFromJsonAsync<JsonElement>("api/v1/applications")).EnumerateArray());

        // Approval waits for the assessment; the county's center assesses, only the city's approves.
        Assert.Equal(HttpStatusCode.Conflict, (await hangzhou.PostAsJsonAsync("api/v1/applications/A-2026-001/approval", new { approve = true, supervisor = "李四" })).StatusCode);
        var assessed = await xihu.PostAsJsonAsync("api/v1/applications/A-2026-001/assessment", new { approve = true, opinion = "考点场地设备符合认定要求" });
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        Assert.Equal("assessed", (await ReadAsync(assessed)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await xihu.PostAsJsonAsync("api/v1/applications/A-2026-001/approval", new { approve = true, supervisor = "李四" })).StatusCode);
        var missingSupervisor = await hangzhou.PostAsJsonAsync("api/v1/applications/A-2026-001/approval", new { approve = true });
        Assert.Equal(HttpStatusCode.BadRequest, missingSupervisor.StatusCode);
        Assert.Contains("\"supervisor\"", await missingSupervisor.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var approved = await hangzhou.PostAsJsonAsync("api/v1/applications/A-2026-001/approval", new { approve = true, supervisor = "李四", opinion = "同意并实施监管" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var view = await ReadAsync(approved);
        Assert.Equal(("approved", "李四", "test-center-hangzhou"), (view.GetProperty("status").GetString(), view.GetProperty("supervisor").GetString(),
            view.GetProperty("approvedBy").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await hangzhou.PostAsJsonAsync("api/v1/applications/A-2026-001/approval", new { approve = false })).StatusCode);

        await s.SettledAsync();
        var message = Assert.Single(await s.Environment.DrainAtLeastAsync(decided, 1)).Message;
        Assert.True(message.GetProperty("approved").GetBoolean());
        Assert.Equal(("S3302030001", "330106", "2026-12-21"), (message.GetProperty("orgCode").GetString(), message.GetProperty("siteRegionCode").GetString(),
            message.GetProperty("lines")[0].GetProperty("examDate").GetString()));
    }

    [Fact]
    public async Task A_refused_assessment_ends_the_application_and_scoring_hears_it_was_not_approved()
    {
        await using var s = await Scenario.CreateAsync(settings: Keys);
        var decided = await s.Environment.BindProbeQueueAsync(nameof(CrossRegionApplicationDecided));
        await s.Bus.PublishAsync(Application("A-2026-002"));
        using var xihu = s.App.Client(Xihu);
        using var hangzhou = s.Hangzhou;
        await Eventually.ReturnsAsync(async () => (await xihu.GetAsync("api/v1/applications/A-2026-002")).StatusCode, c => c == HttpStatusCode.OK, "the application");

        var refused = await xihu.PostAsJsonAsync("api/v1/applications/A-2026-002/assessment", new { approve = false, opinion = "考点无实操设备" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("refused", (await ReadAsync(refused)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await hangzhou.PostAsJsonAsync("api/v1/applications/A-2026-002/approval", new { approve = true, supervisor = "李四" })).StatusCode);
        Assert.Single((await hangzhou.GetFromJsonAsync<JsonElement>("api/v1/applications?status=refused")).EnumerateArray());

        await s.SettledAsync();
        Assert.False(Assert.Single(await s.Environment.DrainAtLeastAsync(decided, 1)).Message.GetProperty("approved").GetBoolean());
    }

    static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
