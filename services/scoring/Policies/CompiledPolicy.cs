using System.Globalization;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using RulesEngine.Models;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// A validated policy turned into RulesEngine workflows (one per indicator) and ready to score facts. A
/// rule that throws fails the whole evaluation with <see cref="RuleEvaluationException"/>: a broken rule
/// must never read as "no deduction".
/// </summary>
public sealed partial class CompiledPolicy
{
    public const string InputName = "facts";

    static readonly ReSettings Settings = new()
    {
        EnableExceptionAsErrorMessage = false,
        AutoRegisterInputType = false,
        IsExpressionCaseSensitive = true,
        UseFastExpressionCompiler = true,
    };

    readonly RulesEngine.RulesEngine engine;
    readonly Dictionary<string, RulePolicy> rules;

    public CompiledPolicy(PolicyDocument document)
    {
        Document = document;
        rules = document.Indicators.SelectMany(i => i.Rules).ToDictionary(r => r.Id, StringComparer.Ordinal);
        engine = new RulesEngine.RulesEngine([.. Workflows(document)], Settings);
    }

    public PolicyDocument Document { get; }

    public string Version => Document.Version;

    /// <summary>The workflows this policy runs, as RulesEngine sees them (the raw benchmark runs these too).</summary>
    public static IEnumerable<Workflow> Workflows(PolicyDocument document) => document.Indicators.Select(indicator => new Workflow
    {
        WorkflowName = indicator.Indicator,
        Rules = indicator.Rules.Select(rule => new Rule
        {
            RuleName = rule.Id,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
            Expression = rule.When,
            Actions = new RuleActions
            {
                OnSuccess = new ActionInfo
                {
                    Name = "OutputExpression",
                    Context = new Dictionary<string, object> { ["Expression"] = rule.Points },
                },
            },
        }).ToList(),
    });

    /// <summary>Runs every indicator's workflow on <paramref name="facts"/>.</summary>
    public async ValueTask<PolicyEvaluation> EvaluateAsync(PlanFacts facts)
    {
        var input = new RuleParameter(InputName, facts);
        var indicators = new List<IndicatorScore>(Document.Indicators.Count);
        var fired = new List<RulePolicy>();
        foreach (var indicator in Document.Indicators)
        {
            List<RuleResultTree> results;
            try
            {
                results = await engine.ExecuteAllRulesAsync(indicator.Indicator, input);
            }
            catch (Exception ex) when (ex is not RuleEvaluationException)
            {
                // RulesEngine says which workflow failed, not which rule: find the rule by running each alone.
                var (ruleId, message) = FindFailingRule(indicator, facts);
                throw new RuleEvaluationException(Version, indicator.Indicator, ruleId, message ?? ex.Message, ex);
            }

            var deductions = new List<Deduction>();
            foreach (var result in results)
            {
                var rule = rules[result.Rule.RuleName];
                if (!string.IsNullOrEmpty(result.ExceptionMessage))
                    throw new RuleEvaluationException(Version, indicator.Indicator, rule.Id, result.ExceptionMessage, null);
                if (!result.IsSuccess)
                    continue;
                if (result.ActionResult?.Exception is { } failed)
                    throw new RuleEvaluationException(Version, indicator.Indicator, rule.Id, failed.Message, failed);

                var points = ToPoints(result.ActionResult?.Output)
                    ?? throw new RuleEvaluationException(Version, indicator.Indicator, rule.Id, "deducts a number that is not finite or is beyond ±79,228,162,514,264,337,593,543,950,335", null);
                if (points < 0)
                    throw new RuleEvaluationException(Version, indicator.Indicator, rule.Id, $"deducts {points} points: a deduction cannot be negative", null);
                fired.Add(rule);
                if (points > 0)
                    deductions.Add(new Deduction(rule.Id, Math.Round(points, 2), rule.Reason, rule.LegalBasis));
            }
            var score = Math.Max(0, indicator.Weight - deductions.Sum(d => d.Points));
            indicators.Add(new IndicatorScore(indicator.Indicator, indicator.Weight, score, deductions));
        }
        return new PolicyEvaluation(Version, indicators.Sum(i => i.Score), indicators, fired);
    }
}

public sealed partial class CompiledPolicy
{
    /// <summary>A deduction as a decimal; null when the expression gave infinity, NaN or a number out of decimal's range.</summary>
    static decimal? ToPoints(object? output)
    {
        try
        {
            return Convert.ToDecimal(output, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    static (string? RuleId, string? Message) FindFailingRule(IndicatorPolicy indicator, PlanFacts facts)
    {
        foreach (var rule in indicator.Rules)
        {
            try
            {
                if ((bool)PolicyValidator.Compile(rule.When, typeof(bool)).DynamicInvoke(facts)!)
                    PolicyValidator.Compile(rule.Points, null).DynamicInvoke(facts);
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is { } inner)
            {
                return (rule.Id, inner.Message);
            }
        }
        return (null, null);
    }
}

/// <summary>A plan's scores under one policy, and the rules that fired (their breaches and events follow from them).</summary>
public sealed record PolicyEvaluation(string PolicyVersion, decimal Score, IReadOnlyList<IndicatorScore> Indicators, IReadOnlyList<RulePolicy> Fired);

/// <summary>A rule failed while scoring: the evaluation stops and the plan keeps its previous score.</summary>
public sealed class RuleEvaluationException(string policyVersion, string indicator, string? ruleId, string message, Exception? inner)
    : Exception($"Policy {policyVersion}, indicator {indicator}{(ruleId is null ? "" : $", rule {ruleId}")}: {message}", inner)
{
    public string PolicyVersion { get; } = policyVersion;
    public string Indicator { get; } = indicator;
    public string? RuleId { get; } = ruleId;

    /// <summary>What went wrong, without the policy and rule that the message names too.</summary>
    public string Reason { get; } = message;
}
