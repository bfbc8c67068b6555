using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Demo.Scenario;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>
/// 浙技评〔2023〕20号 一(二) through the four services: a Ningbo org holds two plans in Hangzhou, one in 西湖区 covered by a
/// cross-region application that the 西湖 site's center assessed and the Hangzhou center approved, one in 上城区 without. Same
/// faults otherwise (an examiner from outside the pool, no supervisor, no video, nothing disclosed, no survey): 67.5
/// with the approval; without it 10 less, below 60, so a red warning, a rectification task and its numbered notice.
/// </summary>
public sealed class CrossRegionApplicationTests
{
    [Fact]
    public async Task An_out_of_region_plan_without_an_approved_application_scores_10_less_with_a_red_warning_and_a_notice()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var pipeline = await Pipeline.StartAsync(environment);
        var (scoring, alerts, notice, ingest) = pipeline;
        const string org = "S3302030001";

        // The application for the first plan, filed on the platform and decided by the two centers.
        var application = new PlannedApplication("A-XR-1", new Submission("application", null, new
        {
            applicationId = "A-XR-1", orgCode = org, orgName = "宁波市某职业技能培训学校", orgRegionCode = "330203", contactName = "张三",
            contactPhone = "0574-12345678", siteName = "杭州西湖考点", siteAddress = "杭州市西湖区文三路1号", siteRegionCode = "330106",
            lines = new[] { new { occupationCode = "4-03-02-01", occupationName = "中式烹调师", targetGroup = "社会人员", level = 4, headcount = 40, examDate = "2026-12-12" } },
            appliedAt = "2026-11-01T09:00:00+08:00",
        }), Approve: true);
        await IngestSender.SendFilingsAsync(ingest.Http, alerts.Http,
            new GeneratedScenario(0, "xr", [], [], []) { Applications = [application] }, CancellationToken.None);
        var approved = JsonDocument.Parse(await alerts.Http.GetStringAsync("api/v1/applications/A-XR-1")).RootElement;
        Assert.Equal("approved", approved.GetProperty("status").GetString());

        foreach (var planId in new[] { "P-XR-APPROVED", "P-XR-UNAPPROVED" })
        {
            async Task PostAsync(string path, object body) =>
                Assert.Equal(HttpStatusCode.Accepted, (await ingest.Http.PostAsJsonAsync(path, body)).StatusCode);
            // The second plan is held in 上城区, which the application's site (西湖区) does not cover.
            var plan = JsonSerializer.SerializeToNode(Plans.Filed(planId, regionCode: planId == "P-XR-APPROVED" ? "330106" : "330102"))!.AsObject();
            plan["orgCode"] = org;
            plan["orgName"] = "宁波市某职业技能培训学校";
            plan["orgRegionCode"] = "330203";
            await PostAsync("api/v1/plans", plan);
            await PostAsync($"api/v1/plans/{planId}/qualification-review", new { sampled = 10, nonQualifying = 0, reviewedAt = "2026-12-05T10:00:00+08:00" });
            await PostAsync($"api/v1/plans/{planId}/examiners", new
            {
                examiners = new[] { new { examinerId = "E-1", source = "outside-pool", reason = (string?)null, trainedTheseCandidates = false } },
            });
            await PostAsync($"api/v1/plans/{planId}/supervision", new { supervisorId = (string?)null, findings = Array.Empty<object>() });
            await PostAsync($"api/v1/plans/{planId}/close", new { closedAt = "2026-12-20T10:00:00+08:00" });
        }

        async Task<JsonElement> FinalAsync(string planId) => (await Eventually.ReturnsAsync(async () =>
        {
            var response = await scoring.Http.GetAsync($"api/v1/plans/{planId}/score");
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : (JsonElement?)null;
        }, s => s?.GetProperty("status").GetString() == "final", $"the final score of {planId}", context: () => scoring.Output))!.Value;
        var withApproval = await FinalAsync("P-XR-APPROVED");
        var without = await FinalAsync("P-XR-UNAPPROVED");
        Assert.Equal((67.5m, 57.5m), (withApproval.GetProperty("score").GetDecimal(), without.GetProperty("score").GetDecimal()));
        var deduction = without.GetProperty("indicators").EnumerateArray().SelectMany(i => i.GetProperty("deductions").EnumerateArray())
            .Single(d => d.GetProperty("ruleId").GetString() == "plan.outside-region-unapproved");
        Assert.Equal(10m, deduction.GetProperty("points").GetDecimal());

        var warnings = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await alerts.Http.GetStringAsync("api/v1/warnings?region=330100")).RootElement
                .EnumerateArray().Select(w => $"{w.GetProperty("planId").GetString()} {w.GetProperty("kind").GetString()} {w.GetProperty("level").GetString()}")
                .Order().ToList(),
            w => w.Count >= 6, "the warnings", context: () => alerts.Output);
        Assert.Equal(
        [
            "P-XR-APPROVED examiner-outside-pool red", "P-XR-APPROVED video-coverage orange",
            "P-XR-UNAPPROVED examiner-outside-pool red", "P-XR-UNAPPROVED outside-region-unapproved red", "P-XR-UNAPPROVED score-below-60 orange",
            "P-XR-UNAPPROVED video-coverage orange",
        ], warnings);

        var notices = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await notice.Http.GetStringAsync($"api/v1/notices?org={org}")).RootElement,
            n => n.GetArrayLength() == 1, "the rectification notice", context: () => notice.Output);
        Assert.Equal(("rectification", "P-XR-UNAPPROVED"), (notices[0].GetProperty("kind").GetString(), notices[0].GetProperty("planId").GetString()));
        var text = await notice.Http.GetStringAsync($"api/v1/notices/{notices[0].GetProperty("noticeId").GetString()}");
        Assert.Contains("在备案地区以外开展评价活动，未经评价活动所在地技能评价（鉴定）中心审核同意", text, StringComparison.Ordinal);
    }
}
