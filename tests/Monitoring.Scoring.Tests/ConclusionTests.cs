using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Forward chaining: the policy's rules insert findings, and the engine's own rules draw the warnings and the
/// termination recommendation from them, inside the same NRules session.
/// </summary>
public sealed class ConclusionTests
{
    static readonly CompiledPolicy Policy = new(DefaultPolicy.Document());

    [Fact]
    public async Task A_third_of_the_sample_non_qualifying_concludes_a_termination_with_the_sample_that_shows_it()
    {
        var result = await Policy.EvaluateAsync(new PlanFacts { PlanId = "P-1", ReviewSampled = 9, ReviewNonQualifying = 3 });

        var termination = Assert.Single(result.Conclusions);
        Assert.Equal(new TerminationConclusion("qualification.non-qualifying-third", 9, 3), termination);
    }

    [Fact]
    public async Task Just_under_a_third_concludes_nothing()
    {
        var result = await Policy.EvaluateAsync(new PlanFacts { PlanId = "P-1", ReviewSampled = 10, ReviewNonQualifying = 3 });

        Assert.Contains(result.Fired, r => r.Id == "qualification.non-qualifying-15");
        Assert.Empty(result.Conclusions);
    }

    [Fact]
    public async Task Each_breach_concludes_a_warning_at_its_level_in_the_order_of_the_policy()
    {
        var result = await Policy.EvaluateAsync(new PlanFacts
        {
            PlanId = "P-1", Closed = true, SupervisionReported = true, SiteRegistered = false, OutsidePoolExaminers = 2,
            ResultCount = 50, PassRate = 1, VideoCoverage = 1,
        });

        Assert.Equal(
        [
            new WarningConclusion("plan.unregistered-site", "plan-announcement", "unregistered-site", WarningLevel.Red, Reason("plan.unregistered-site")),
            new WarningConclusion("staff.outside-pool", "exam-staff", "examiner-outside-pool", WarningLevel.Red, Reason("staff.outside-pool")),
            new WarningConclusion("results.implausible", "result-management", "result-anomaly", WarningLevel.Yellow, Reason("results.implausible")),
        ], result.Conclusions);
    }

    [Fact]
    public void A_rule_with_a_breach_and_an_event_concludes_both_warning_first()
    {
        var document = DefaultPolicy.Document();
        var indicators = document.Indicators.ToList();
        var review = indicators.FindIndex(i => i.Indicator == "qualification-review");
        indicators[review] = indicators[review] with
        {
            Rules = [.. indicators[review].Rules.Select(r => r.Id == "qualification.non-qualifying-third"
                ? r with { Breach = new BreachPolicy(WarningLevel.Red, "non-qualifying-third") }
                : r)],
        };
        var policy = new CompiledPolicy(document with { Version = "conclusions-test", Indicators = indicators });

        var outcomes = policy.EvaluateBatch(
        [
            new PlanFacts { PlanId = "P-A", ReviewSampled = 3, ReviewNonQualifying = 1 },
            new PlanFacts { PlanId = "P-B", ReviewSampled = 3, ReviewNonQualifying = 0 },
            new PlanFacts { PlanId = "P-C", ReviewSampled = 6, ReviewNonQualifying = 6 },
        ]);

        Assert.Collection(outcomes[0].Evaluation!.Conclusions,
            c => Assert.Equal(new WarningConclusion("qualification.non-qualifying-third", "qualification-review", "non-qualifying-third", WarningLevel.Red,
                Reason("qualification.non-qualifying-third")), c),
            c => Assert.Equal(new TerminationConclusion("qualification.non-qualifying-third", 3, 1), c));
        Assert.Empty(outcomes[1].Evaluation!.Conclusions);
        // Each plan's findings conclude for that plan only, with its own sample.
        Assert.Equal(new TerminationConclusion("qualification.non-qualifying-third", 6, 6), outcomes[2].Evaluation!.Conclusions[1]);
    }

    [Fact]
    public async Task The_engines_own_rules_cannot_be_shadowed_by_a_policy_rule()
    {
        Assert.All([Conclusions.WarningRule, Conclusions.TerminationRule], name =>
            Assert.Contains(PolicyValidator.Read(DefaultPolicy.Json().Replace("\"plan.not-announced\"", $"\"{name}\"")).Problems,
                p => p.Path.EndsWith(".id", StringComparison.Ordinal)));
        Assert.Empty((await Policy.EvaluateAsync(new PlanFacts { PlanId = "P-1" })).Conclusions);
    }

    static string Reason(string ruleId) => DefaultPolicy.Document().Indicators.SelectMany(i => i.Rules).Single(r => r.Id == ruleId).Reason;
}
