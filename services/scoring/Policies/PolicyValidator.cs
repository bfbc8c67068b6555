using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// Checks a policy before it is stored: its shape (strict JSON), the ten indicators with weights summing to
/// 100, unique rule ids, and every expression parsed the way RulesEngine parses it and walked through
/// <see cref="ExpressionAllowlist"/>. Problems name the rule.
/// </summary>
public static partial class PolicyValidator
{
    // As RulesEngine parses with IsExpressionCaseSensitive (see CompiledPolicy).
    static readonly ParsingConfig Parsing = new() { IsCaseSensitive = true };

    /// <summary>Reads and checks a policy; the document is null when it could not even be read.</summary>
    public static (PolicyDocument? Document, IReadOnlyList<PolicyProblem> Problems) Read(string json)
    {
        PolicyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PolicyDocument>(json, PolicyDocument.Json);
        }
        catch (JsonException ex)
        {
            return (null, [new PolicyProblem(ex.Path ?? "$", null, $"does not match the policy schema: {ex.Message}")]);
        }
        if (document is null)
            return (null, [new PolicyProblem("$", null, "is empty")]);
        return (document, Validate(document));
    }

    public static IReadOnlyList<PolicyProblem> Validate(PolicyDocument policy)
    {
        var problems = new List<PolicyProblem>();
        if (!VersionPattern().IsMatch(policy.Version))
            problems.Add(new("version", null, "must be 1–64 characters of A-Z a-z 0-9 . _ -"));

        var codes = policy.Indicators.Select(i => i.Indicator).ToList();
        foreach (var missing in Indicators.All.Except(codes))
            problems.Add(new("indicators", null, $"lacks the indicator {missing}"));
        foreach (var unknown in codes.Except(Indicators.All))
            problems.Add(new("indicators", null, $"has an unknown indicator {unknown}"));
        foreach (var twice in codes.GroupBy(c => c).Where(g => g.Count() > 1))
            problems.Add(new("indicators", null, $"has the indicator {twice.Key} more than once"));
        var total = policy.Indicators.Sum(i => i.Weight);
        if (total != 100)
            problems.Add(new("indicators", null, $"weights sum to {total}, not 100"));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Indicators.Count; i++)
        {
            var indicator = policy.Indicators[i];
            if (indicator.Weight <= 0)
                problems.Add(new($"indicators[{i}].weight", null, "must be positive"));
            for (var r = 0; r < indicator.Rules.Count; r++)
            {
                var rule = indicator.Rules[r];
                var path = $"indicators[{i}].rules[{r}]";
                if (!RuleIdPattern().IsMatch(rule.Id))
                    problems.Add(new($"{path}.id", rule.Id, "must be lower-case letters, digits, '.' and '-'"));
                if (!ids.Add(rule.Id))
                    problems.Add(new($"{path}.id", rule.Id, "is used by another rule"));
                if (string.IsNullOrWhiteSpace(rule.Reason))
                    problems.Add(new($"{path}.reason", rule.Id, "is required"));
                if (rule.Breach is { Kind: var kind } && string.IsNullOrWhiteSpace(kind))
                    problems.Add(new($"{path}.breach.kind", rule.Id, "is required"));
                problems.AddRange(CheckExpression(rule.When, typeof(bool), $"{path}.when", rule.Id));
                problems.AddRange(CheckExpression(rule.Points, null, $"{path}.points", rule.Id));
            }
        }
        return problems;
    }

    static IEnumerable<PolicyProblem> CheckExpression(string text, Type? resultType, string path, string ruleId)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [new(path, ruleId, "is required")];
        if (Forbidden().Match(text) is { Success: true } forbidden)
            return [new(path, ruleId, $"uses {forbidden.Value}: reflection, types and system access are not allowed in policies")];

        LambdaExpression lambda;
        try
        {
            lambda = DynamicExpressionParser.ParseLambda(Parsing, [Expression.Parameter(typeof(PlanFacts), "facts")], resultType, text);
        }
        catch (Exception ex) when (ex is System.Linq.Dynamic.Core.Exceptions.ParseException or InvalidOperationException or ArgumentException)
        {
            return [new(path, ruleId, $"does not parse: {ex.Message}")];
        }

        var problems = ExpressionAllowlist.Check(lambda).Select(p => new PolicyProblem(path, ruleId, p)).ToList();
        if (resultType is null && !IsNumber(lambda.ReturnType))
            problems.Add(new(path, ruleId, $"must be a number, not {lambda.ReturnType.Name}"));
        return problems;
    }

    /// <summary>Compiles one expression of a validated policy on its own (to find which rule failed).</summary>
    internal static Delegate Compile(string text, Type? resultType) =>
        DynamicExpressionParser.ParseLambda(Parsing, [Expression.Parameter(typeof(PlanFacts), "facts")], resultType, text).Compile();

    /// <summary>
    /// Runs a policy that passed the static checks on sample plans (a plan just filed, a closed plan with
    /// nothing reported, a plan with every fault): a rule that divides by a count that may be 0, say,
    /// throws here, at upload, and not on the first real plan.
    /// </summary>
    public static async Task<IReadOnlyList<PolicyProblem>> TryRunAsync(PolicyDocument policy)
    {
        CompiledPolicy compiled;
        try
        {
            compiled = new CompiledPolicy(policy);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [new PolicyProblem("indicators", null, $"does not compile: {ex.Message}")];
        }

        var problems = new List<PolicyProblem>();
        foreach (var (name, facts) in Probes)
        {
            try
            {
                await compiled.EvaluateAsync(facts);
            }
            catch (RuleEvaluationException ex)
            {
                var path = PathOf(policy, ex.RuleId) ?? $"indicators[{ex.Indicator}]";
                if (!problems.Any(p => p.RuleId == ex.RuleId))
                    problems.Add(new PolicyProblem(path, ex.RuleId, $"throws on {name}: {ex.Message}"));
            }
        }
        return problems;
    }

    static readonly (string Name, PlanFacts Facts)[] Probes =
    [
        ("a plan just filed", new PlanFacts()),
        ("a closed plan with nothing reported", new PlanFacts { ExamStarted = true, ExamEnded = true, Closed = true, VideoCoverage = 0 }),
        ("a plan with every fault", new PlanFacts
        {
            AnnouncedBeforeExam = false, AnnouncementLeadWorkingDays = 0, SiteRegistered = false, WithinFiledScope = false,
            ExamStarted = true, ExamEnded = true, Closed = true, ExecutionReported = true, DateChanged = true, SiteChanged = true,
            ReviewSampled = 3, ReviewNonQualifying = 3, OutsidePoolExaminers = 3, UnjustifiedInternalDraws = 3, TrainerExaminers = 3,
            ReusedSelfBuiltItems = 10, TheoryOnPaperWithoutApproval = true, SupervisionReported = true, SupervisorAssigned = false,
            OpenFindings = 5, ResultCount = 100, PassRate = 1, BunchedMarkShare = 1, LateResults = 100, EditsAfterLock = 100,
            VideoSegments = 1, VideoCoverage = 0, LowestResolution = 480, SurveyResponses = 1, SurveyResponseRate = 0.01m,
            MeanSatisfaction = 0.2m, Complaints = 10, OverdueWarnings = 10,
        }),
    ];

    static string? PathOf(PolicyDocument policy, string? ruleId)
    {
        for (var i = 0; i < policy.Indicators.Count; i++)
        {
            for (var r = 0; r < policy.Indicators[i].Rules.Count; r++)
            {
                if (policy.Indicators[i].Rules[r].Id == ruleId)
                    return $"indicators[{i}].rules[{r}]";
            }
        }
        return null;
    }

    static bool IsNumber(Type type) => Type.GetTypeCode(Nullable.GetUnderlyingType(type) ?? type) is
        TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.Decimal or TypeCode.Double or TypeCode.Single or TypeCode.Byte;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,99}$")]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex(@"\b(GetType|typeof|Assembly|Reflection|Activator|AppDomain|Environment|Process|System\.IO|File|Directory|Type)\b")]
    private static partial Regex Forbidden();
}
