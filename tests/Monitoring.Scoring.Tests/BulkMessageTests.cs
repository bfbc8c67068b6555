using MassTransit;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Ingest now sends a submission's results, answers and segments in one message. The same stream as bulk messages
/// (with a redelivered one) and as one-item messages (the release before) ends with the same facts and score.
/// </summary>
public sealed class BulkMessageTests
{
    const string PlanId = "P-BULK";

    [Fact]
    public async Task Bulk_messages_end_with_the_facts_and_score_of_one_item_messages()
    {
        await using var bulk = await TestEnvironment.CreateAsync();
        await using var single = await TestEnvironment.CreateAsync();
        await using var bulkApp = ScoringApp.Start(bulk);
        await using var singleApp = ScoringApp.Start(single);
        await using var bulkBus = await TestBus.StartAsync(bulk);
        await using var singleBus = await TestBus.StartAsync(single);

        var start = Facts.T("2026-11-02T09:00:00+08:00");
        var results = Enumerable.Range(0, 1500).Select(i => Facts.Result(PlanId, i % 1000, theory: 50 + i % 50, edited: i == 1200,
            recordedAt: i < 1000 ? "2026-11-03T10:00:00+08:00" : "2026-11-20T10:00:00+08:00")).ToList();
        var answers = Enumerable.Range(0, 30).Select(i => new SurveyResponded(PlanId, $"hash-{i % 25:D5}", 1 + i % 5, i % 7 == 0)).ToList();
        var segments = Enumerable.Range(0, 8).Select(i => new VideoSegmentRecorded(PlanId, $"R{i % 2}", $"C{i % 4}", start.AddHours(i % 4 * 2),
            start.AddHours(i % 4 * 2 + 2), i == 5 ? 480 : 1080, 20, 20)).ToList();

        foreach (var bus in new[] { bulkBus, singleBus })
        {
            await bus.PublishAsync(Facts.Plan(PlanId, examStart: start));
            await bus.PublishAsync(new QualificationReviewed(PlanId, 20, 2, start.AddDays(-5)));
        }
        // Bulk: results in submissions of at most 1,000 (the second corrects the first), one of them delivered twice.
        var firstResults = new ResultsRecorded(PlanId, [.. results.Take(1000).Select(Item)]);
        var firstId = NewId.NextGuid();
        await bulkBus.PublishAsync(firstResults, firstId);
        await bulkBus.PublishAsync(new ResultsRecorded(PlanId, [.. results.Skip(1000).Select(Item)]));
        await bulkBus.PublishAsync(firstResults, firstId);
        await bulkBus.PublishAsync(new SurveysResponded(PlanId, [.. answers.Select(a => new SurveyAnswer(a.CandidateHash, a.Satisfaction, a.Complaint))]));
        await bulkBus.PublishAsync(new VideoSegmentsRecorded(PlanId, [.. segments.Select(s =>
            new VideoSegment(s.Room, s.CameraId, s.From, s.To, s.ResolutionLines, s.CandidatesCovered, s.CandidatesInRoom))]));
        await singleBus.PublishAllAsync(results.Cast<Contract>().Concat(answers).Concat(segments).Select(m => (m, NewId.NextGuid())));

        await Eventually.ReturnsAsync(() => bulk.CountAsync("SELECT count(*) FROM scoring.inbox WHERE consumer = 'ResultsRecordedConsumer'"),
            n => n == 2, "both result messages, the redelivery dropped");
        await Eventually.ReturnsAsync(() => single.CountAsync("SELECT count(*) FROM scoring.inbox WHERE consumer = 'ResultRecordedConsumer'"),
            n => n == results.Count, "every one-item result");
        foreach (var environment in new[] { bulk, single })
        {
            await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_surveys"), n => n == 25, "the answers");
            await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_videos"), n => n == 4, "the segments (four cameras, each reported twice)");
        }

        Assert.Equal(await ConcurrencyTests.SnapshotAsync(single), await ConcurrencyTests.SnapshotAsync(bulk));
        // Scores are compared once each side's last rescore is done (the next turns are the exam's milestones, weeks away).
        foreach (var environment in new[] { bulk, single })
            await Eventually.ReturnsAsync(() => ConcurrencyTests.DueCountAsync(environment), n => n == 0, "the last rescore");
        var expected = await ScoringPipelineTests.ScoreAsync(singleApp, single, PlanId, _ => true);
        await ScoringPipelineTests.ScoreAsync(bulkApp, bulk, PlanId, s => s == expected.GetProperty("score").GetDecimal());
    }

    static CandidateResult Item(ResultRecorded r) => new(r.CandidateHash, r.TheoryScore, r.SkillScore, r.Passed, r.RecordedAt, r.EditedAfterLock);
}
