using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>Warnings by jurisdiction (属地管理), deduplicated and escalated, acknowledged by the right center only.</summary>
public sealed class WarningTests
{
    [Fact]
    public async Task A_center_sees_and_acts_on_its_region_and_below_and_is_refused_another_city()
    {
        await using var s = await Scenario.CreateAsync();
        await Breach(s, "P-XIHU", "330106", WarningLevel.Yellow, "result-anomaly");
        await Breach(s, "P-HZ", "330100", WarningLevel.Orange, "video-coverage");
        await Breach(s, "P-NINGBO", "330203", WarningLevel.Red, "unregistered-site");
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.warnings"), n => n == 3, "the three warnings");
        using var hangzhou = s.Hangzhou;

        var own = await ListAsync(hangzhou, "api/v1/warnings?status=open");
        Assert.Equal(["P-HZ", "P-XIHU"], own.Select(w => w.GetProperty("planId").GetString()).Order());
        Assert.Equal(["P-XIHU"], (await ListAsync(hangzhou, "api/v1/warnings?region=330106")).Select(w => w.GetProperty("planId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await hangzhou.GetAsync("api/v1/warnings?region=330200")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hangzhou.GetAsync("api/v1/warnings?region=330000")).StatusCode);

        using var province = s.Operator;
        var ningbo = (await ListAsync(province, "api/v1/warnings?region=330200")).Single();
        Assert.Equal(HttpStatusCode.Forbidden, (await hangzhou.PostAsync($"api/v1/warnings/{ningbo.GetProperty("warningId")}/ack", null)).StatusCode);

        var ningboTask = await s.FinalScoreAsync("P-NINGBO-LOW", "S4001", 41, region: "330203");
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReviewAsync(ningboTask, "refused", hangzhou)).StatusCode);
        using var platform = s.Platform;
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync("api/v1/warnings")).StatusCode);
    }

    [Fact]
    public async Task The_same_plan_and_kind_is_one_warning_updated_then_escalated_and_its_acknowledgement_is_announced()
    {
        await using var s = await Scenario.CreateAsync();
        var raised = await s.Environment.BindProbeQueueAsync(nameof(WarningRaised));
        var acknowledged = await s.Environment.BindProbeQueueAsync(nameof(WarningAcknowledged));

        await Breach(s, "P-DEDUP", "330106", WarningLevel.Yellow, "trainer-examiner");
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.warning_history"), n => n == 1, "the warning");
        await Breach(s, "P-DEDUP", "330106", WarningLevel.Yellow, "trainer-examiner");
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.warning_history"), n => n == 2, "the repeat");
        await Breach(s, "P-DEDUP", "330106", WarningLevel.Orange, "trainer-examiner");
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.warning_history"), n => n == 3, "the escalation");

        using var hangzhou = s.Hangzhou;
        var warning = (await ListAsync(hangzhou, "api/v1/warnings")).Single();
        Assert.Equal(("orange", "open"), (warning.GetProperty("level").GetString(), warning.GetProperty("status").GetString()));
        var id = warning.GetProperty("warningId").GetString();
        Assert.Equal(HttpStatusCode.OK, (await hangzhou.PostAsync($"api/v1/warnings/{id}/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hangzhou.PostAsync($"api/v1/warnings/{id}/resolve", null)).StatusCode);
        var history = JsonDocument.Parse(await hangzhou.GetStringAsync($"api/v1/warnings/{id}/history")).RootElement;
        Assert.Equal(["raised", "repeated", "escalated", "acknowledged", "resolved"], history.EnumerateArray().Select(h => h.GetProperty("action").GetString()));

        await s.SettledAsync();
        var announcements = await s.Environment.DrainAtLeastAsync(raised, 2);
        Assert.Equal([false, true], announcements.Select(m => m.Message.GetProperty("escalated").GetBoolean()));
        Assert.Equal(id, Assert.Single(await s.Environment.DrainAtLeastAsync(acknowledged, 1)).Message.GetProperty("warningId").GetString());
    }

    [Fact]
    public async Task A_termination_recommendation_waits_for_the_center_and_a_confirmation_asks_for_the_notice()
    {
        await using var s = await Scenario.CreateAsync();
        var notices = await s.Environment.CommandQueueAsync(IssueNotice.Queue);
        await s.Bus.PublishAsync(new PlanTerminationRecommended("P-TERM", "S5001", "330106", 9, 3, s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.terminations WHERE status = 'pending'"), n => n == 1, "the recommendation");
        Assert.Equal(1, await s.CountAsync("SELECT count(*) FROM alerts.warnings WHERE kind = 'plan-termination-recommended' AND level = 'red'"));

        using var hangzhou = s.Hangzhou;
        var decided = await hangzhou.PostAsJsonAsync("api/v1/terminations/P-TERM/decision", new { confirm = true });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("terminated", JsonDocument.Parse(await decided.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await hangzhou.PostAsJsonAsync("api/v1/terminations/P-TERM/decision", new { confirm = false })).StatusCode);

        await s.SettledAsync();
        var notice = Assert.Single(await s.Environment.DrainAtLeastAsync(notices, 1));
        Assert.Equal(("plan-termination", "P-TERM"), (notice.Message.GetProperty("kind").GetString(), notice.Message.GetProperty("planId").GetString()));
    }

    [Fact]
    public async Task A_center_may_return_the_plan_instead_of_terminating_it_and_the_return_notice_is_asked_for()
    {
        await using var s = await Scenario.CreateAsync();
        var notices = await s.Environment.CommandQueueAsync(IssueNotice.Queue);
        await s.Bus.PublishAsync(new PlanTerminationRecommended("P-RETURN", "S5002", "330106", 12, 4, s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.terminations WHERE status = 'pending'"), n => n == 1, "the recommendation");

        using var hangzhou = s.Hangzhou;
        var refused = await hangzhou.PostAsJsonAsync("api/v1/terminations/P-RETURN/decision", new { confirm = false, outcome = "return" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"outcome\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var decided = await hangzhou.PostAsJsonAsync("api/v1/terminations/P-RETURN/decision", new { confirm = true, outcome = "return" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var view = JsonDocument.Parse(await decided.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("confirmed", "returned"), (view.GetProperty("status").GetString(), view.GetProperty("outcome").GetString()));

        var listed = (await ListAsync(hangzhou, "api/v1/terminations")).Single(t => t.GetProperty("planId").GetString() == "P-RETURN");
        Assert.Equal("returned", listed.GetProperty("outcome").GetString());
        await s.SettledAsync();
        var notice = Assert.Single(await s.Environment.DrainAtLeastAsync(notices, 1));
        Assert.Equal(("plan-return", "P-RETURN"), (notice.Message.GetProperty("kind").GetString(), notice.Message.GetProperty("planId").GetString()));
        Assert.Contains("退回该认定计划", notice.Message.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_confirming_a_red_fraud_warning_revokes_the_org()
    {
        await using var s = await Scenario.CreateAsync();
        await Breach(s, "P-FRAUD", "330106", WarningLevel.Red, "fraud", org: "S6001");
        await Breach(s, "P-MINOR", "330106", WarningLevel.Yellow, "result-anomaly", org: "S6002");
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.warnings"), n => n == 2, "the warnings");
        using var operatorClient = s.Operator;
        var warnings = await ListAsync(operatorClient, "api/v1/warnings");
        string IdOf(string plan) => warnings.Single(w => w.GetProperty("planId").GetString() == plan).GetProperty("warningId").GetString()!;

        using var hangzhou = s.Hangzhou;
        Assert.Equal(HttpStatusCode.Forbidden, (await hangzhou.PostAsync($"api/v1/warnings/{IdOf("P-FRAUD")}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await operatorClient.PostAsync($"api/v1/warnings/{IdOf("P-MINOR")}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"api/v1/warnings/{IdOf("P-FRAUD")}/confirm", null)).StatusCode);

        var org = await s.OrgAsync("S6001");
        Assert.Equal("revoked", org.GetProperty("status").GetString());
        Assert.False(org.GetProperty("inCatalogue").GetBoolean());
        Assert.Equal("active", (await s.OrgAsync("S6002")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_warning_is_read_with_its_working_day_deadline_and_is_overdue_while_open_past_it()
    {
        await using var s = await Scenario.CreateAsync();
        // Saturday 2026-01-31: red counts 2 working days (Mon 2 and Tue 3 February), yellow 10 (up to Friday 13 February).
        await Breach(s, "P-RED", "330106", WarningLevel.Red, "unregistered-site");
        await Breach(s, "P-YELLOW", "330106", WarningLevel.Yellow, "result-anomaly");
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.warnings"), n => n == 2, "the two warnings");
        using var hangzhou = s.Hangzhou;

        async Task<Dictionary<string, (DateTimeOffset DeadlineAt, bool Overdue)>> ReadAsync() => (await ListAsync(hangzhou, "api/v1/warnings"))
            .ToDictionary(w => w.GetProperty("planId").GetString()!, w => (w.GetProperty("deadlineAt").GetDateTimeOffset(), w.GetProperty("overdue").GetBoolean()));
        var before = await ReadAsync();
        Assert.Equal((DateTimeOffset.Parse("2026-02-04T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), false), before["P-RED"]);
        Assert.Equal((DateTimeOffset.Parse("2026-02-14T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), false), before["P-YELLOW"]);

        s.Time.Advance(TimeSpan.FromDays(4));
        var after = await ReadAsync();
        Assert.True(after["P-RED"].Overdue);
        Assert.False(after["P-YELLOW"].Overdue);
        var red = (await ListAsync(hangzhou, "api/v1/warnings?status=open")).Single(w => w.GetProperty("planId").GetString() == "P-RED");
        var acknowledged = JsonDocument.Parse(await (await hangzhou.PostAsync($"api/v1/warnings/{red.GetProperty("warningId")}/ack", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.False(acknowledged.GetProperty("overdue").GetBoolean());
        Assert.Equal(after["P-RED"].DeadlineAt, acknowledged.GetProperty("deadlineAt").GetDateTimeOffset());
    }

    static Task Breach(Scenario s, string planId, string region, WarningLevel level, string kind, string org = "S3301") =>
        s.Bus.PublishAsync(new IndicatorBreached(planId, org, region, "exam-staff", "rule." + kind, kind, level, $"{kind} 预警", s.Time.GetUtcNow()));

    static async Task<List<JsonElement>> ListAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
    }
}
