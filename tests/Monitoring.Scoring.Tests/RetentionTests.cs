using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Contracts;
using Monitoring.Scoring.Plans;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// PIPL's minimum necessary: once <c>Scoring:CandidateDataRetention</c> has passed, what scoring keeps about candidates
/// (results, survey answers, certificates with every hash of their holder) is deleted; the plan keeps its final score
/// and is never scored again on facts no longer whole. What is younger stays.
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Candidates_data_past_retention_is_deleted_and_the_plan_keeps_its_final_score()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment, new Dictionary<string, string> { ["Scoring:ClosingGrace"] = "00:00:01" });
        await using var bus = await TestBus.StartAsync(environment);
        var start = Facts.T("2026-11-02T09:00:00+08:00");
        foreach (var planId in new[] { "P-OLD", "P-YOUNG" })
        {
            await bus.PublishAsync(Facts.Plan(planId, examStart: start), NewId.NextGuid());
            await bus.PublishAsync(new ResultsRecorded(planId, [new CandidateResult("hash-00001", 80, 80, true, start.AddHours(10), false)]), NewId.NextGuid());
            await bus.PublishAsync(new SurveysResponded(planId, [new SurveyAnswer("hash-00001", 5, false)]), NewId.NextGuid());
            await bus.PublishAsync(new PlanStaffed(planId, null, null, [new ExamRoom("R1", ExamKind.Theory, 1, ["E1"])],
                [new StaffMember("E1", StaffRole.Examiner, $"hash-staff-{planId}", null, "4-03-02-01", 4)]), NewId.NextGuid());
            await bus.PublishAsync(new CertificatesIssued([new($"S00013300000126400{(planId == "P-OLD" ? "0031" : "0032")}", "hash-00001", planId, "4-03-02-01", 4, start.AddDays(20))]),
                NewId.NextGuid());
        }
        await bus.PublishAsync(new PlanClosed("P-OLD", start.AddDays(10)));
        var old = await ScoringPipelineTests.ScoreAsync(app, environment, "P-OLD", _ => true, status: "final");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.certificates"), n => n == 2, "both certificates");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_staff_hashes"), n => n == 2, "both staffings");
        var scoredAt = await ScoredAtAsync(environment, "P-OLD");

        // The retention ends between P-OLD's final score (and both certificates) and now: P-YOUNG is not final, so its
        // results stay; both certificates are older than the cut.
        var purged = await app.Services.GetRequiredService<CandidateDataPurge>().PurgeAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(new CandidateDataPurge.Purged(Plans: 1, Rows: 3, Certificates: 2), purged);
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.plan_staff_hashes WHERE plan_id = 'P-OLD'"));
        Assert.Equal(1, await environment.CountAsync("SELECT count(*) FROM scoring.plan_staff_hashes WHERE plan_id = 'P-YOUNG'"));
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.plan_results WHERE plan_id = 'P-OLD'"));
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.plan_surveys WHERE plan_id = 'P-OLD'"));
        Assert.Equal(1, await environment.CountAsync("SELECT count(*) FROM scoring.plan_results WHERE plan_id = 'P-YOUNG'"));
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.certificates"));
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.certificate_hashes"));

        // A late fact about the purged plan is stored but does not rescore it: its score stands as it was.
        await bus.PublishAsync(new DisclosurePublished("P-OLD", DisclosureKind.Results, start.AddDays(30), null), NewId.NextGuid());
        await bus.PublishAsync(new ResultsRecorded("P-YOUNG", [new CandidateResult("hash-00002", 70, 70, true, start.AddHours(10), false)]), NewId.NextGuid());
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_results WHERE plan_id = 'P-YOUNG'"), n => n == 2, "the young plan's new result");
        await Eventually.ReturnsAsync(() => ConcurrencyTests.DueCountAsync(environment), n => n == 0, "the rescores to pass");
        Assert.Equal(scoredAt, await ScoredAtAsync(environment, "P-OLD"));
        var after = await ScoringPipelineTests.ScoreAsync(app, environment, "P-OLD", _ => true, status: "final");
        Assert.Equal(old.GetProperty("score").GetDecimal(), after.GetProperty("score").GetDecimal());
    }

    static async Task<DateTimeOffset> ScoredAtAsync(TestEnvironment environment, string planId)
    {
        await using var connection = environment.OpenConnection();
        return await Dapper.SqlMapper.QuerySingleAsync<DateTimeOffset>(connection, "SELECT scored_at FROM scoring.plan_scores WHERE plan_id = @planId", new { planId });
    }
}
