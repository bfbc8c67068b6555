using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>The whole chain as processes: facts at ingest, a final score below 60, a task at alerts, a numbered notice.</summary>
public sealed class ConsequenceChainTests
{
    [Fact]
    public async Task A_plan_closed_below_60_ends_with_a_warning_a_rectification_task_and_a_numbered_notice()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var pipeline = await Pipeline.StartAsync(environment, asPlatform: false);
        var (scoring, alerts, notice, ingest) = pipeline;
        const string planId = "P-CHAIN-1";

        async Task PostAsync(string path, object body) =>
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.Http.PostAsJsonAsync(path, body)).StatusCode);
        await PostAsync("api/v1/plans", Plans.Filed(planId, siteRegistered: false));
        await PostAsync($"api/v1/plans/{planId}/qualification-review", new { sampled = 12, nonQualifying = 4, reviewedAt = "2026-12-05T10:00:00+08:00" });
        await PostAsync($"api/v1/plans/{planId}/examiners", new
        {
            examiners = new[] { new { examinerId = "E-1", source = "outside-pool", reason = (string?)null, trainedTheseCandidates = true } },
        });
        await PostAsync($"api/v1/plans/{planId}/papers", new { bank = "self-built", reusedItems = 3, theoryOnComputer = false, paperExamApproved = false });
        await PostAsync($"api/v1/plans/{planId}/supervision", new { supervisorId = (string?)null, findings = Array.Empty<object>() });
        await PostAsync($"api/v1/plans/{planId}/close", new { closedAt = "2026-12-20T10:00:00+08:00" });

        var score = await Eventually.ReturnsAsync(async () =>
        {
            var response = await scoring.Http.GetAsync($"api/v1/plans/{planId}/score");
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : (JsonElement?)null;
        }, s => s?.GetProperty("status").GetString() == "final", "the final score", context: () => scoring.Output);
        Assert.True(score!.Value.GetProperty("score").GetDecimal() < 60);

        var warnings = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await alerts.Http.GetStringAsync("api/v1/warnings?region=330100")).RootElement,
            w => w.GetArrayLength() >= 6, "the warnings", context: () => alerts.Output);
        Assert.Equal(["examiner-outside-pool", "plan-termination-recommended", "score-below-60", "trainer-examiner", "unregistered-site", "video-coverage"],
            warnings.EnumerateArray().Select(w => w.GetProperty("kind").GetString()).Order());
        var tasks = JsonDocument.Parse(await alerts.Http.GetStringAsync("api/v1/rectifications?org=S3301060001")).RootElement;
        Assert.Equal("open", Assert.Single(tasks.EnumerateArray()).GetProperty("status").GetString());

        var notices = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await notice.Http.GetStringAsync("api/v1/notices?org=S3301060001")).RootElement,
            n => n.GetArrayLength() == 1, "the rectification notice", context: () => notice.Output);
        var issued = notices[0];
        Assert.Equal("rectification", issued.GetProperty("kind").GetString());
        Assert.Matches(@"^杭技评〔\d{4}〕1号$", issued.GetProperty("documentNo").GetString());
        var pdf = await notice.Http.GetAsync($"api/v1/notices/{issued.GetProperty("noticeId").GetString()}.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }
}
