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

        // MONITORING_FREEZE_SCORES=<path> rewrites the table (only before an engine change); the test then fails,
        // so a run that froze never passes as a check.
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
