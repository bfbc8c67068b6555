using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;

namespace Monitoring.Bench.Scoring;

/// <summary>
/// One operation scores one plan under the default policy (26 rules in ten indicators), on one core.
/// <see cref="RawNRules"/> runs the very same compiled rules through an NRules session and nothing else;
/// <see cref="ScorePlan"/> is what the scoring service does in memory: evaluate, check every result for a
/// failure, cap deductions per indicator, sum, and build the <see cref="PlanScored"/> it publishes.
/// The plans cycle through 256 sets of facts, from compliant to faulty, so rules fire as in real data.
/// </summary>
[Config(typeof(OneCore))]
[MemoryDiagnoser]
public class PolicyEvaluationBenchmark
{
    PlanFacts[] plans = [];
    CompiledPolicy policy = null!;
    int next;

    [GlobalSetup]
    public void Setup()
    {
        var document = DefaultPolicy.Document();
        policy = new CompiledPolicy(document);
        var random = new Random(2026);
        plans = [.. Enumerable.Range(0, 256).Select(i => new PlanFacts
        {
            PlanId = $"P-{i}",
            AnnouncementLeadWorkingDays = 10 + random.Next(10),
            SiteRegistered = random.Next(10) > 0,
            ExamStarted = true,
            ExamEnded = true,
            Closed = i % 2 == 0,
            ReviewSampled = 20,
            ReviewNonQualifying = random.Next(8),
            OutsidePoolExaminers = random.Next(10) == 0 ? 1 : 0,
            ReusedSelfBuiltItems = random.Next(4),
            SupervisionReported = true,
            OpenFindings = random.Next(3),
            ResultCount = 40,
            PassRate = random.Next(80, 101) / 100m,
            VideoSegments = 8,
            VideoCoverage = random.Next(10) == 0 ? 0.9m : 1m,
            LowestResolution = random.Next(5) == 0 ? 480 : 1080,
            PlanDisclosed = true,
            FeesDisclosed = true,
            ResultsDisclosed = true,
            ResultsPublicityWorkingDays = 4 + random.Next(3),
            SurveyResponses = 10,
            SurveyResponseRate = random.Next(10, 60) / 100m,
            MeanSatisfaction = random.Next(60, 100) / 100m,
            Complaints = random.Next(3),
        })];
        // Warm both paths before measuring.
        RawNRules();
        ScorePlan().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public int RawNRules()
    {
        var session = policy.SessionFactory.CreateSession();
        session.Insert(new PlanCase(Next()));
        return session.Fire();
    }

    [Benchmark]
    public async Task<PlanScored> ScorePlan()
    {
        var facts = Next();
        var evaluation = await policy.EvaluateAsync(facts);
        return new PlanScored(facts.PlanId, facts.OrgCode, facts.RegionCode, evaluation.Score, ScoreStatus.Provisional,
            evaluation.PolicyVersion, DateTimeOffset.UnixEpoch, evaluation.Indicators);
    }

    /// <summary>A batch of 200 plans in one session, the rescore and what-if shape; one operation is the whole batch.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int RawNRulesBatch()
    {
        var session = policy.SessionFactory.CreateSession();
        session.InsertAll(NextBatch().Select(p => new PlanCase(p)));
        return session.Fire();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int ScoreBatch()
    {
        var scored = 0;
        foreach (var outcome in policy.EvaluateBatch(NextBatch()))
        {
            var evaluation = outcome.Evaluation!;
            _ = new PlanScored(outcome.Facts.PlanId, outcome.Facts.OrgCode, outcome.Facts.RegionCode, evaluation.Score, ScoreStatus.Provisional,
                evaluation.PolicyVersion, DateTimeOffset.UnixEpoch, evaluation.Indicators);
            scored++;
        }
        return scored;
    }

    const int Batch = 200;

    PlanFacts[] NextBatch() => [.. Enumerable.Range(0, Batch).Select(_ => Next())];

    PlanFacts Next() => plans[next++ & 255];

    sealed class OneCore : ManualConfig
    {
        public OneCore() => AddJob(Job.Default.WithAffinity(1).WithId("one-core"));
    }
}
