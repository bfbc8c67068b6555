using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;
using Xunit;

namespace Monitoring.Scoring.Tests;

public sealed class ThrowingRuleTests
{
    static PolicyDocument WithRule(string when, string points = "1")
    {
        var policy = DefaultPolicy.Document();
        var indicators = policy.Indicators.ToList();
        var first = indicators[0];
        indicators[0] = first with { Rules = [.. first.Rules, new RulePolicy("plan.broken", when, points, "坏规则")] };
        return policy with { Version = "draft-1", Indicators = indicators };
    }

    [Theory]
    [InlineData("facts.ReviewNonQualifying / facts.ReviewSampled > 0", "1")]
    [InlineData("facts.ReviewSampled >= 0", "10 / facts.ReviewSampled")]
    public async Task A_rule_that_throws_fails_the_evaluation_naming_the_rule(string when, string points)
    {
        var policy = new CompiledPolicy(WithRule(when, points));

        var failure = await Assert.ThrowsAsync<RuleEvaluationException>(async () => await policy.EvaluateAsync(new PlanFacts()));

        Assert.Equal("plan.broken", failure.RuleId);
    }
}
