using Dapper;
using MassTransit;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

public sealed class ConcurrencyTests
{
    const string PlanId = "P-HAMMER";

    /// <summary>
    /// The same stream of facts for one plan (results re-sent with corrections and edits, redeliveries,
    /// video segments, survey answers) goes to two scoring replicas competing for the queues and, separately,
    /// to a single replica. Both end with exactly the same facts and the same score.
    /// </summary>
    [Fact]
    public async Task Two_replicas_hammering_one_plan_end_with_the_facts_of_a_serial_run()
    {
        var messages = Stream().ToList();

        await using var concurrent = await TestEnvironment.CreateAsync();
        await using var serial = await TestEnvironment.CreateAsync();
        await using var first = ScoringApp.Start(concurrent);
        await using var second = ScoringApp.Start(concurrent);
        await using var only = ScoringApp.Start(serial);
        await using var concurrentBus = await TestBus.StartAsync(concurrent);
        await using var serialBus = await TestBus.StartAsync(serial);

        await Task.WhenAll(concurrentBus.PublishAllAsync(messages), serialBus.PublishAllAsync(messages));
        var distinct = messages.Select(m => m.Id).Distinct().Count();
        await Eventually.ReturnsAsync(() => InboxCountAsync(concurrent), n => n == distinct, "the replicas to take every message");
        await Eventually.ReturnsAsync(() => InboxCountAsync(serial), n => n == distinct, "the single replica to take every message");

        Assert.Equal(await SnapshotAsync(serial), await SnapshotAsync(concurrent));
        // Scores are compared once the last rescore of the stream is done on both sides (nothing due soon;
        // the next rows are the exam's own milestones, weeks away).
        foreach (var environment in new[] { serial, concurrent })
            await Eventually.ReturnsAsync(() => DueCountAsync(environment), n => n == 0, "the last rescore");
        var expected = await ScoringPipelineTests.ScoreAsync(only, serial, PlanId, _ => true);
        var actual = await ScoringPipelineTests.ScoreAsync(first, concurrent, PlanId, s => s == expected.GetProperty("score").GetDecimal());
        Assert.Equal(expected.GetProperty("indicators").ToString(), actual.GetProperty("indicators").ToString());
    }

    static IEnumerable<(Contract Message, Guid Id)> Stream()
    {
        var random = new Random(20261124);
        (Contract, Guid) Once(Contract message) => (message, NewId.NextGuid());

        yield return Once(Facts.Plan(PlanId, examStart: Facts.T("2026-12-21T09:00:00+08:00")));
        yield return Once(new QualificationReviewed(PlanId, 20, 2, Facts.T("2026-12-10T10:00:00+08:00")));
        for (var i = 0; i < 1500; i++)
        {
            var first = Once(Facts.Result(PlanId, i % 1000, theory: 50 + random.Next(50), recordedAt: "2026-12-22T10:00:00+08:00"));
            yield return first;
            if (i % 7 == 0)
                yield return first; // a redelivery: the same message id again
            if (i % 11 == 0) // a correction recorded later, sometimes after the results were locked
                yield return Once(Facts.Result(PlanId, i % 1000, theory: 61, edited: i % 22 == 0, recordedAt: "2026-12-23T10:00:00+08:00"));
        }
        for (var i = 0; i < 200; i++)
        {
            var from = Facts.T("2026-12-21T09:00:00+08:00").AddMinutes(i % 40 * 12);
            yield return Once(new VideoSegmentRecorded(PlanId, $"R{i % 5}", $"C{i % 10}", from, from.AddMinutes(12), i % 9 == 0 ? 480 : 1080, 8, 8));
        }
        for (var i = 0; i < 400; i++)
            yield return Once(new SurveyResponded(PlanId, $"hash-{i:D5}", 1 + i % 5, i % 50 == 0));
    }

    static Task<long> InboxCountAsync(TestEnvironment environment) =>
        environment.CountAsync("SELECT count(*) FROM scoring.inbox WHERE consumer <> 'ApiKeyIssuedConsumer'");

    internal static Task<long> DueCountAsync(TestEnvironment environment) =>
        environment.CountAsync("SELECT count(*) FROM scoring.rescore_queue WHERE due_at <= now() + interval '5 seconds'");

    internal static async Task<string> SnapshotAsync(TestEnvironment environment)
    {
        await using var connection = environment.OpenConnection();
        var tables = new[]
        {
            "SELECT plan_id, candidate_hash, theory_score, skill_score, passed, recorded_at, edited_after_lock FROM scoring.plan_results ORDER BY 1, 2",
            "SELECT plan_id, room, camera_id, starts_at, ends_at, resolution_lines, candidates_covered, candidates_in_room FROM scoring.plan_videos ORDER BY 1, 2, 3, 4",
            "SELECT plan_id, candidate_hash, satisfaction, complaint FROM scoring.plan_surveys ORDER BY 1, 2",
            "SELECT plan_id, sampled, non_qualifying FROM scoring.plan_reviews ORDER BY 1",
        };
        var snapshot = new List<string>();
        foreach (var sql in tables)
            snapshot.Add(await connection.ExecuteScalarAsync<string>($"SELECT coalesce(json_agg(t)::text, '[]') FROM ({sql}) t") ?? "");
        return string.Join("\n", snapshot);
    }
}
