using System.Globalization;
using System.Text;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// The default policy's answers on 5,000 generated plans, frozen in <c>Frozen/default-policy-scores.txt</c> while
/// the policies ran on Microsoft RulesEngine: a change of engine (issue 11, NRules) must give every plan the
/// same score, the same deductions and the same fired rules. The plans are generated from a fixed seed, with
/// values on and around every threshold of the rubric.
/// </summary>
public sealed class FrozenScoresTests
{
    const int Seed = 20261128;
    const int Count = 5000;
    static readonly string Frozen = Path.Combine(AppContext.BaseDirectory, "Frozen", "default-policy-scores.txt");

    [Fact]
    public async Task Five_thousand_generated_plans_score_exactly_as_frozen()
    {
        var policy = new CompiledPolicy(DefaultPolicy.Document());
        var lines = new List<string>(Count);
        var index = 0;
        foreach (var facts in GeneratedPlans.Generate(Seed, Count))
            lines.Add(Line(index++, await policy.EvaluateAsync(facts)));

        // MONITORING_FREEZE_SCORES=<path> rewrites the table (before an engine change, or after a deliberate change of the
        // default policy, whose diff must show what changed and why: 2026.3 split the fee standard out of disclosure.missing,
        // every score unchanged); the test then fails, so a run that froze never passes as a check.
        if (System.Environment.GetEnvironmentVariable("MONITORING_FREEZE_SCORES") is { Length: > 0 } target)
        {
            await File.WriteAllLinesAsync(target, lines);
            Assert.Fail($"Froze {lines.Count} scores into {target}; commit it and run again without MONITORING_FREEZE_SCORES.");
        }

        var expected = await File.ReadAllLinesAsync(Frozen);
        Assert.Equal(Count, expected.Length);
        var differences = expected.Zip(lines).Where(p => p.First != p.Second).Take(5)
            .Select(p => $"expected {p.First}\n     got {p.Second}").ToList();
        Assert.True(differences.Count == 0, "plans scored differently from the frozen table:\n" + string.Join("\n", differences));
    }

    /// <summary>One plan's outcome as text: index, score, deductions (rule=points), then the rules that fired without deducting.</summary>
    static string Line(int index, PolicyEvaluation evaluation)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{index} {evaluation.Score.ToString("0.##", CultureInfo.InvariantCulture)}");
        foreach (var indicator in evaluation.Indicators)
        {
            foreach (var deduction in indicator.Deductions)
                line.Append(CultureInfo.InvariantCulture, $" {deduction.RuleId}={deduction.Points.ToString("0.##", CultureInfo.InvariantCulture)}");
        }
        var deducting = evaluation.Indicators.SelectMany(i => i.Deductions).Select(d => d.RuleId).ToHashSet(StringComparer.Ordinal);
        line.Append(" |");
        foreach (var rule in evaluation.Fired.Select(r => r.Id).Where(id => !deducting.Contains(id)).Order(StringComparer.Ordinal))
            line.Append(' ').Append(rule);
        return line.ToString();
    }
}

/// <summary>Plans with values drawn on and around the rubric's thresholds, the same for the same seed.</summary>
static class GeneratedPlans
{
    static readonly int[] Counts = [0, 0, 0, 1, 2, 3, 4, 5, 9, 10, 11, 20, 30, 100];
    static readonly int[] Samples = [0, 0, 3, 7, 9, 10, 15, 20, 30];
    static readonly int[] LeadDays = [0, 4, 5, 9, 10, 14, 15, 20];
    static readonly int[] Resolutions = [0, 480, 720, 1080];
    static readonly decimal[] Shares = [0m, 0.01m, 0.1m, 0.2m, 0.21m, 0.29m, 0.3m, 0.5m, 0.6m, 0.79m, 0.8m, 0.89m, 0.9m, 0.95m, 0.96m, 0.99m, 1m];

    public static IEnumerable<PlanFacts> Generate(int seed, int count)
    {
        var random = new Random(seed);
        bool Coin(double yes = 0.5) => random.NextDouble() < yes;
        int Pick(int[] values) => values[random.Next(values.Length)];
        decimal Share() => Shares[random.Next(Shares.Length)];

        for (var i = 0; i < count; i++)
        {
            var started = Coin(0.8);
            var ended = started && Coin(0.8);
            var sampled = Pick(Samples);
            var segments = Coin(0.7) ? Pick(Counts) : 0;
            var responses = Coin(0.7) ? Pick(Counts) : 0;
            yield return new PlanFacts
            {
                PlanId = $"P-GEN-{i}",
                OrgCode = $"S{i % 97:0000}",
                RegionCode = "330106",
                AnnouncedBeforeExam = Coin(0.9),
                AnnouncementLeadWorkingDays = Pick(LeadDays),
                SiteRegistered = Coin(0.85),
                WithinFiledScope = Coin(0.9),
                ExamStarted = started,
                ExamEnded = ended,
                Closed = ended && Coin(0.7),
                ExecutionReported = started && Coin(0.8),
                DateChanged = Coin(0.1),
                SiteChanged = Coin(0.1),
                ReviewSampled = sampled,
                ReviewNonQualifying = sampled == 0 ? 0 : random.Next(sampled + 1),
                OutsidePoolExaminers = Coin(0.8) ? 0 : Pick(Counts),
                UnjustifiedInternalDraws = Coin(0.8) ? 0 : Pick(Counts),
                TrainerExaminers = Coin(0.8) ? 0 : Pick(Counts),
                ReusedSelfBuiltItems = Coin(0.7) ? 0 : Pick(Counts),
                TheoryOnPaperWithoutApproval = Coin(0.15),
                SupervisionReported = Coin(0.7),
                SupervisorAssigned = Coin(0.85),
                OpenFindings = Coin(0.7) ? 0 : Pick(Counts),
                ResultCount = Pick(Counts),
                PassRate = Share(),
                BunchedMarkShare = Share(),
                LateResults = Coin(0.7) ? 0 : Pick(Counts),
                EditsAfterLock = Coin(0.8) ? 0 : Pick(Counts),
                VideoSegments = segments,
                VideoCoverage = segments == 0 ? (Coin() ? 1 : 0) : Share(),
                LowestResolution = segments == 0 ? 0 : Pick(Resolutions),
                PlanDisclosed = Coin(0.85),
                FeesDisclosed = Coin(0.85),
                ResultsDisclosed = Coin(0.7),
                ResultsPublicityWorkingDays = Pick(LeadDays),
                SurveyResponses = responses,
                SurveyResponseRate = responses == 0 ? 0 : Share(),
                MeanSatisfaction = responses == 0 ? 0 : Share(),
                Complaints = Coin(0.8) ? 0 : Pick(Counts),
                OverdueWarnings = Coin(0.8) ? 0 : Pick(Counts),
            };
        }
    }
}

/// <summary>Many plans in one NRules session score exactly as each alone, and one plan's failing rule spoils no other.</summary>
public sealed class BatchEvaluationTests
{
    [Fact]
    public async Task Five_thousand_plans_in_batches_of_200_score_as_each_plan_alone()
    {
        var policy = new Monitoring.Scoring.Policies.CompiledPolicy(Monitoring.Scoring.Policies.DefaultPolicy.Document());
        var plans = GeneratedPlans.Generate(20261128, 5000).ToList();

        var batched = plans.Chunk(200).SelectMany(policy.EvaluateBatch).ToList();

        Assert.Equal(plans.Count, batched.Count);
        for (var i = 0; i < plans.Count; i++)
        {
            var alone = await policy.EvaluateAsync(plans[i]);
            Assert.Same(plans[i], batched[i].Facts);
            Assert.Null(batched[i].Failure);
            Assert.Equal(alone.Score, batched[i].Evaluation!.Score);
            Assert.Equal(alone.Fired.Select(r => r.Id), batched[i].Evaluation!.Fired.Select(r => r.Id));
        }
    }

    [Fact]
    public void A_rule_that_throws_on_one_plan_of_a_batch_fails_that_plan_only()
    {
        var document = Monitoring.Scoring.Policies.DefaultPolicy.Document();
        var indicators = document.Indicators.ToList();
        indicators[0] = indicators[0] with
        {
            Rules = [.. indicators[0].Rules, new Monitoring.Scoring.Policies.RulePolicy("plan.divides", "facts.ReviewNonQualifying * 100 / facts.ReviewSampled > 30", "1", "测试规则")],
        };
        var policy = new Monitoring.Scoring.Policies.CompiledPolicy(document with { Version = "batch-test", Indicators = indicators });
        Monitoring.Scoring.Facts.PlanFacts[] plans =
        [
            new() { PlanId = "P-OK-1", ReviewSampled = 9, ReviewNonQualifying = 1 },
            new() { PlanId = "P-ZERO", ReviewSampled = 0 },
            new() { PlanId = "P-OK-2", ReviewSampled = 9, ReviewNonQualifying = 4 },
        ];

        var outcomes = policy.EvaluateBatch(plans);

        Assert.NotNull(outcomes[0].Evaluation);
        Assert.Equal("plan.divides", outcomes[1].Failure?.RuleId);
        Assert.Contains("divide by zero", outcomes[1].Failure!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(outcomes[2].Evaluation!.Fired, r => r.Id == "plan.divides");
    }
}
