using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Contracts;
using Monitoring.Scoring.Plans;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// A closing carries how many messages ingest accepted about the plan: the score is final as soon as scoring has them
/// all, not after the closing grace (here five minutes, so only the count can make a score final in the test).
/// </summary>
public sealed class ClosingCountTests
{
    static readonly Dictionary<string, string> LongGrace = new() { ["Scoring:ClosingGrace"] = "00:05:00" };

    [Fact]
    public async Task A_plan_whose_closing_count_is_met_is_final_at_once_and_one_short_of_it_waits_for_the_missing_message()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment, LongGrace);
        await using var bus = await TestBus.StartAsync(environment);
        var start = Facts.T("2026-11-02T09:00:00+08:00");

        foreach (var planId in new[] { "P-COUNT-MET", "P-COUNT-SHORT", "P-COUNT-NONE" })
        {
            await bus.PublishAsync(Facts.Plan(planId, examStart: start), NewId.NextGuid());
            await bus.PublishAsync(new QualificationReviewed(planId, 20, 1, start.AddDays(-5)), NewId.NextGuid());
            var results = new ResultsRecorded(planId, [new CandidateResult("hash-00001", 80, 80, true, start.AddHours(10), false)]);
            var id = NewId.NextGuid();
            await bus.PublishAsync(results, id);
            await bus.PublishAsync(results, id); // a redelivery counts once
        }
        await bus.PublishAsync(new PlanClosed("P-COUNT-MET", start.AddDays(10)) { AcceptedMessages = 3 });
        await bus.PublishAsync(new PlanClosed("P-COUNT-SHORT", start.AddDays(10)) { AcceptedMessages = 4 });
        await bus.PublishAsync(new PlanClosed("P-COUNT-NONE", start.AddDays(10)));

        await ScoringPipelineTests.ScoreAsync(app, environment, "P-COUNT-MET", _ => true, status: "final");
        // The other two are closed and rescored since, but one message short of the count or without one: provisional.
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_closures"), n => n == 3, "the three closings");
        await Eventually.ReturnsAsync(() => ConcurrencyTests.DueCountAsync(environment), n => n == 0, "the rescores after the closings");
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.plan_scores WHERE status = 'final' AND plan_id <> 'P-COUNT-MET'"));

        // The missing message comes: the count is met, the score final.
        await bus.PublishAsync(new DisclosurePublished("P-COUNT-SHORT", DisclosureKind.Plan, start.AddDays(-20), null), NewId.NextGuid());
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-COUNT-SHORT", _ => true, status: "final");
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.plan_scores WHERE status = 'final' AND plan_id = 'P-COUNT-NONE'"));
    }

    [Fact]
    public async Task A_score_says_how_many_messages_it_covers_and_covering_more_with_the_same_score_is_not_announced()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var scored = await environment.BindProbeQueueAsync(nameof(PlanScored));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        var start = Facts.T("2026-12-21T09:00:00+08:00");

        await bus.PublishAsync(Facts.Plan("P-COVER", examStart: start), NewId.NextGuid());
        await bus.PublishAsync(new QualificationReviewed("P-COVER", 20, 0, start.AddDays(-5)), NewId.NextGuid());
        var first = await Eventually.ReturnsAsync(() => ScoringPipelineTests.ScoreAsync(app, environment, "P-COVER", _ => true),
            s => s.GetProperty("messages").GetInt32() == 2, "a score covering both messages");

        // A disclosure of the plan changes nothing before the exam: the score covers three messages and is the same.
        await bus.PublishAsync(new DisclosurePublished("P-COVER", DisclosureKind.Plan, start.AddDays(-20), null), NewId.NextGuid());
        await Eventually.ReturnsAsync(() => ScoringPipelineTests.ScoreAsync(app, environment, "P-COVER", _ => true),
            s => s.GetProperty("messages").GetInt32() == 3, "a score covering the third message");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
        var announced = await environment.DrainAsync(scored);
        Assert.Equal(first.GetProperty("score").GetDecimal(), Assert.Single(announced.Select(m =>
            decimal.Parse(m.Message.GetProperty("score").ToString(), System.Globalization.CultureInfo.InvariantCulture)).Distinct()));
        Assert.InRange(announced.Count, 1, 2); // the first score (and the review's, had it been scored apart), not the disclosure's
    }

    [Fact]
    public async Task The_ledger_of_a_plan_final_long_enough_is_dropped_and_others_are_kept()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using (var connection = environment.OpenConnection())
        {
            await connection.ExecuteAsync("""
                INSERT INTO scoring.plan_closures (plan_id, closed_at, final_from) VALUES
                    ('P-OLD', now() - interval '60 days', now() - interval '60 days'),
                    ('P-RECENT', now() - interval '2 days', now() - interval '2 days');
                INSERT INTO scoring.plan_messages (plan_id, message_id)
                SELECT p, gen_random_uuid() FROM unnest(ARRAY['P-OLD', 'P-OLD', 'P-RECENT', 'P-OPEN']) AS p;
                """);
        }

        // The hourly purge also runs once at start, and may have come first: what counts is what is left.
        await app.Services.GetRequiredService<LedgerPurge>().PurgeAsync(DateTimeOffset.UtcNow.AddDays(-30), CancellationToken.None);

        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.plan_messages WHERE plan_id = 'P-OLD'"));
        Assert.Equal(2, await environment.CountAsync("SELECT count(*) FROM scoring.plan_messages WHERE plan_id IN ('P-RECENT', 'P-OPEN')"));
    }
}
