using Monitoring.Contracts;
using System.Net;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>Every path of a rectification task, with the clock in the test's hand.</summary>
public sealed class RectificationTests
{
    [Fact]
    public async Task A_final_score_below_60_opens_a_task_due_one_month_later_and_a_passed_review_closes_it()
    {
        await using var s = await Scenario.CreateAsync();
        var notices = await s.Environment.CommandQueueAsync(IssueNotice.Queue);

        var taskId = await s.FinalScoreAsync("P-PASS", "S1001", 55);
        var task = await s.TaskAsync(taskId, "S1001");
        Assert.Equal("open", task.GetProperty("status").GetString());
        Assert.Equal(Scenario.T("2026-03-01T00:00:00+08:00"), task.GetProperty("dueAt").GetDateTimeOffset()); // opened Jan 31 → due Feb 28

        Assert.Equal(HttpStatusCode.OK, (await s.SubmitAsync(taskId)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await s.SubmitAsync(taskId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.ReviewAsync(taskId, "passed")).StatusCode);

        Assert.Equal("passed", (await s.TaskAsync(taskId, "S1001")).GetProperty("status").GetString());
        Assert.Equal("active", (await s.OrgAsync("S1001")).GetProperty("status").GetString());
        s.Time.Advance(TimeSpan.FromDays(60));
        Assert.Equal(0, await s.Sweeper.SweepAsync(CancellationToken.None));
        await s.SettledAsync();
        var notice = Assert.Single(await s.Environment.DrainAtLeastAsync(notices, 1));
        Assert.Equal("rectification", notice.Message.GetProperty("kind").GetString());
        Assert.Equal(Scenario.T("2026-03-01T00:00:00+08:00"), notice.Message.GetProperty("deadlineAt").GetDateTimeOffset());
        Assert.Equal("video.coverage", notice.Message.GetProperty("deductions")[0].GetProperty("ruleId").GetString());
    }

    [Theory]
    [InlineData("failed", true)]
    [InlineData("refused", true)]
    [InlineData("refused", false)]
    public async Task A_failed_or_refused_review_suspends_the_org(string outcome, bool submitted)
    {
        await using var s = await Scenario.CreateAsync();
        var notices = await s.Environment.CommandQueueAsync(IssueNotice.Queue);
        var changes = await s.Environment.BindProbeQueueAsync("OrgStatusChanged");
        var taskId = await s.FinalScoreAsync("P-FAIL", "S1002", 48);
        if (submitted)
            Assert.Equal(HttpStatusCode.OK, (await s.SubmitAsync(taskId)).StatusCode);
        else
            Assert.Equal(HttpStatusCode.Conflict, (await s.ReviewAsync(taskId, "failed")).StatusCode); // nothing to judge yet

        Assert.Equal(HttpStatusCode.OK, (await s.ReviewAsync(taskId, outcome)).StatusCode);

        Assert.Equal(outcome, (await s.TaskAsync(taskId, "S1002")).GetProperty("status").GetString());
        var org = await s.OrgAsync("S1002");
        Assert.Equal("suspended", org.GetProperty("status").GetString());
        Assert.Equal(("active", "suspended"), (org.GetProperty("history")[0].GetProperty("from").GetString(), org.GetProperty("history")[0].GetProperty("to").GetString()));
        await s.SettledAsync();
        Assert.Equal(["rectification", "suspension"], (await s.Environment.DrainAtLeastAsync(notices, 2)).Select(n => n.Message.GetProperty("kind").GetString()).Order());
        var change = Assert.Single(await s.Environment.DrainAtLeastAsync(changes, 1));
        Assert.Equal("suspended", change.Message.GetProperty("to").GetString());
    }

    [Fact]
    public async Task A_task_past_its_deadline_without_a_passed_review_becomes_overdue_and_suspends_the_org()
    {
        await using var s = await Scenario.CreateAsync();
        var overdue = await s.Environment.BindProbeQueueAsync("RectificationOverdue");
        var open = await s.FinalScoreAsync("P-LATE-OPEN", "S1003", 50);
        var submitted = await s.FinalScoreAsync("P-LATE-SUBMITTED", "S1004", 50);
        Assert.Equal(HttpStatusCode.OK, (await s.SubmitAsync(submitted)).StatusCode);

        s.Time.SetUtcNow(Scenario.T("2026-02-28T23:59:59+08:00"));
        Assert.Equal(0, await s.Sweeper.SweepAsync(CancellationToken.None));
        s.Time.SetUtcNow(Scenario.T("2026-03-01T00:00:00+08:00"));
        Assert.Equal(2, await s.Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await s.Sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal("overdue", (await s.TaskAsync(open, "S1003")).GetProperty("status").GetString());
        Assert.Equal("overdue", (await s.TaskAsync(submitted, "S1004")).GetProperty("status").GetString());
        Assert.Equal("suspended", (await s.OrgAsync("S1003")).GetProperty("status").GetString());
        Assert.Equal("suspended", (await s.OrgAsync("S1004")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await s.ReviewAsync(submitted, "passed")).StatusCode);
        await s.SettledAsync();
        Assert.Equal(2, (await s.Environment.DrainAtLeastAsync(overdue, 2)).Count);
    }

    [Fact]
    public async Task A_second_suspension_within_12_months_revokes_the_org_and_takes_it_off_the_catalogue()
    {
        await using var s = await Scenario.CreateAsync();
        var notices = await s.Environment.CommandQueueAsync(IssueNotice.Queue);

        // First: refused in January. Second: a plan in July left overdue in August, within 12 months.
        var first = await s.FinalScoreAsync("P-REV-1", "S1005", 52);
        Assert.Equal(HttpStatusCode.OK, (await s.ReviewAsync(first, "refused")).StatusCode);
        s.Time.SetUtcNow(Scenario.T("2026-07-10T09:00:00+08:00"));
        var second = await s.FinalScoreAsync("P-REV-2", "S1005", 45);
        s.Time.SetUtcNow(Scenario.T("2026-08-11T00:00:00+08:00"));
        Assert.Equal(1, await s.Sweeper.SweepAsync(CancellationToken.None));

        var org = await s.OrgAsync("S1005");
        Assert.Equal("revoked", org.GetProperty("status").GetString());
        Assert.False(org.GetProperty("inCatalogue").GetBoolean());
        Assert.Equal(["active→suspended", "suspended→suspended", "suspended→revoked"],
            org.GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("from").GetString()}→{h.GetProperty("to").GetString()}"));
        Assert.Equal("overdue", (await s.TaskAsync(second, "S1005")).GetProperty("status").GetString());
        await s.SettledAsync();
        Assert.Equal(["rectification", "rectification", "revocation", "suspension", "suspension"],
            (await s.Environment.DrainAtLeastAsync(notices, 5)).Select(n => n.Message.GetProperty("kind").GetString()).Order());
    }

    [Fact]
    public async Task A_second_suspension_more_than_12_months_later_suspends_without_revoking()
    {
        await using var s = await Scenario.CreateAsync();
        var first = await s.FinalScoreAsync("P-SLOW-1", "S1006", 52);
        Assert.Equal(HttpStatusCode.OK, (await s.ReviewAsync(first, "refused")).StatusCode);
        s.Time.SetUtcNow(Scenario.T("2027-02-10T09:00:00+08:00"));
        var second = await s.FinalScoreAsync("P-SLOW-2", "S1006", 45);
        Assert.Equal(HttpStatusCode.OK, (await s.ReviewAsync(second, "refused")).StatusCode);

        Assert.Equal("suspended", (await s.OrgAsync("S1006")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_sweepers_at_once_escalate_each_overdue_task_exactly_once()
    {
        await using var first = await Scenario.CreateAsync();
        await using var second = await Scenario.CreateAsync(first.Environment);
        var overdue = await first.Environment.BindProbeQueueAsync("RectificationOverdue");
        const int count = 30;
        for (var i = 0; i < count; i++)
            await first.Bus.PublishAsync(new Contracts.PlanScored($"P-SWEEP-{i}", $"S2{i:D3}", "330106", 40, Contracts.ScoreStatus.Final,
                "zj-default-2026.3", Scenario.Start, []));
        await Eventually.ReturnsAsync(() => first.CountAsync("SELECT count(*) FROM alerts.rectifications"), n => n == count, "the tasks to open");

        first.Time.SetUtcNow(Scenario.T("2026-03-02T00:00:00+08:00"));
        second.Time.SetUtcNow(Scenario.T("2026-03-02T00:00:00+08:00"));
        var swept = await Task.WhenAll(first.Sweeper.SweepAsync(CancellationToken.None), second.Sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal(count, swept.Sum());
        Assert.Equal(count, await first.CountAsync("SELECT count(*) FROM alerts.rectifications WHERE status = 'overdue'"));
        Assert.Equal(count, await first.CountAsync("SELECT count(*) FROM alerts.org_history WHERE to_status = 'suspended'"));
        await first.SettledAsync();
        var announced = await first.Environment.DrainAtLeastAsync(overdue, count);
        Assert.Equal(count, announced.Select(m => m.Message.GetProperty("taskId").GetString()).Distinct().Count());
        Assert.Equal(count, announced.Count);
    }
}
