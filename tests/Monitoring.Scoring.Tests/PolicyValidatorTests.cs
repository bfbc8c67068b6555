using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.Scoring.Policies;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>A draft is refused before it is stored, with a message that names the rule at fault.</summary>
public sealed class PolicyValidatorTests
{
    [Fact]
    public async Task The_default_policy_is_valid_and_runs_on_every_sample_plan()
    {
        var (document, problems) = PolicyValidator.Read(DefaultPolicy.Json());

        Assert.Empty(problems);
        Assert.Empty(await PolicyValidator.TryRunAsync(document!));
    }

    public static TheoryData<string, string, string> BadExpressions() => new()
    {
        { "reflection through GetType", "facts.GetType().Assembly != null", "GetType" },
        { "System.Type", "System.Type.GetType(\"System.IO.File\") != null", "Type" },
        { "an assembly", "facts.PlanId.GetType().Assembly.FullName != \"\"", "GetType" },
        { "file access", "System.IO.File.Exists(\"/etc/passwd\")", "System.IO" },
        { "a member that does not exist", "facts.NoSuchFact > 0", "does not parse" },
        { "not a condition", "facts.ReviewSampled + 1", "does not parse" },
        { "a method outside the allowlist", "facts.PlanId.Replace(\"a\", \"b\") == \"\"", "Replace" },
        { "ToString on a fact", "facts.PlanId.ToString() != \"\"", "ToString" },
    };

    [Theory]
    [MemberData(nameof(BadExpressions))]
    public void An_expression_outside_the_allowlist_is_refused_naming_the_rule(string fault, string when, string expected)
    {
        var problems = PolicyValidator.Validate(WithRule("plan.bad", when));

        var problem = Assert.Single(problems);
        Assert.Equal("plan.bad", problem.RuleId);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.EndsWith(".when", problem.Path, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(fault));
    }

    [Fact]
    public void Points_that_are_not_a_number_are_refused()
    {
        var problems = PolicyValidator.Validate(WithRule("plan.bad", "true", points: "facts.PlanId"));

        Assert.Contains(problems, p => p.RuleId == "plan.bad" && p.Path.EndsWith(".points", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rule_that_throws_on_a_sample_plan_is_refused_naming_the_rule()
    {
        var policy = WithRule("plan.divides-by-zero", "facts.ReviewNonQualifying * 100 / facts.ReviewSampled > 30");

        Assert.Empty(PolicyValidator.Validate(policy));
        var problem = Assert.Single(await PolicyValidator.TryRunAsync(policy));
        Assert.Equal("plan.divides-by-zero", problem.RuleId);
        Assert.Contains("divide by zero", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_100_are_refused()
    {
        var policy = DefaultPolicy.Document();
        var indicators = policy.Indicators.ToList();
        indicators[0] = indicators[0] with { Weight = 11 };

        var problems = PolicyValidator.Validate(policy with { Indicators = indicators });

        Assert.Contains(problems, p => p.Message.Contains("sum to 101", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_indicator_and_a_repeated_rule_id_are_refused()
    {
        var policy = DefaultPolicy.Document();
        var indicators = policy.Indicators.Skip(1).ToList();
        indicators[0] = indicators[0] with { Weight = indicators[0].Weight + 10, Rules = [.. indicators[0].Rules, indicators[0].Rules[0]] };

        var problems = PolicyValidator.Validate(policy with { Indicators = indicators });

        Assert.Contains(problems, p => p.Message.Contains("plan-announcement", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.RuleId == indicators[0].Rules[0].Id && p.Message.Contains("another rule", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("an unknown member", "unexpected")]
    [InlineData("a missing reason", "reason")]
    [InlineData("a breach level that does not exist", "level")]
    public void A_document_that_does_not_match_the_schema_is_refused(string fault, string expected)
    {
        var json = JsonNode.Parse(DefaultPolicy.Json())!;
        var rule = json["indicators"]![0]!["rules"]![0]!.AsObject();
        switch (fault)
        {
            case "an unknown member":
                rule["unexpected"] = 1;
                break;
            case "a missing reason":
                rule.Remove("reason");
                break;
            default:
                json["indicators"]![0]!["rules"]![3]!["breach"]!["level"] = "purple";
                break;
        }

        var (document, problems) = PolicyValidator.Read(json.ToJsonString());

        Assert.Null(document);
        Assert.Contains(expected, Assert.Single(problems).Message, StringComparison.OrdinalIgnoreCase);
    }

    static PolicyDocument WithRule(string id, string when, string points = "1")
    {
        var policy = DefaultPolicy.Document();
        var indicators = policy.Indicators.ToList();
        indicators[0] = indicators[0] with { Rules = [.. indicators[0].Rules, new RulePolicy(id, when, points, "测试规则")] };
        return policy with { Version = "draft-test", Indicators = indicators };
    }
}
