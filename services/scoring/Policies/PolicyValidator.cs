using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using System.Text.Json;
using System.Text;
using System.Text.RegularExpressions;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// Checks a policy before it is stored: its shape (strict JSON), the ten indicators with weights summing to
/// 100, unique rule ids, and every expression parsed (as <see cref="CompiledPolicy"/> will run it) and walked through
/// <see cref="ExpressionAllowlist"/>. Problems name the rule.
/// </summary>
public static partial class PolicyValidator
{
    // Names are case-sensitive: facts.closed is a mistake, not facts.Closed.
    static readonly ParsingConfig Parsing = new() { IsCaseSensitive = true };

    /// <summary>Reads and checks a policy; the document is null when it could not even be read.</summary>
    public static (PolicyDocument? Document, IReadOnlyList<PolicyProblem> Problems) Read(string json, PolicyLimits? limits = null)
    {
        var errors = new FieldErrors();
        using var document = JsonInput.Parse(Encoding.UTF8.GetBytes(json), errors, "$");
        return document is null ? (null, SchemaProblems(errors)) : Read(document.RootElement, limits);
    }

    /// <summary>
    /// Reads and checks a policy already parsed by <see cref="JsonInput"/>. Its shape is checked field by field
    /// (unknown members, missing or null required ones, wrong types, duplicates), in the terms of the schema
    /// that <c>GET /api/v1/policies/schema</c> serves, never of .NET types.
    /// </summary>
    public static (PolicyDocument? Document, IReadOnlyList<PolicyProblem> Problems) Read(JsonElement json, PolicyLimits? limits = null)
    {
        var errors = new FieldErrors();
        var document = json.ValueKind == JsonValueKind.Object ? JsonShape.ReadStrict<PolicyDocument>(json, errors, PolicyDocument.Json) : null;
        if (json.ValueKind != JsonValueKind.Object)
            errors.Add("$", "a JSON object");
        if (document is null)
            return (null, SchemaProblems(errors));
        return (document, Validate(document, limits));
    }

    static PolicyProblem[] SchemaProblems(FieldErrors errors) =>
        errors.ToDictionary().Select(e => new PolicyProblem(e.Key, null,
            $"does not match the policy schema (GET /api/v1/policies/schema): {e.Key} must be {string.Join("; ", e.Value)}")).ToArray();

    public static IReadOnlyList<PolicyProblem> Validate(PolicyDocument policy, PolicyLimits? limits = null)
    {
        limits ??= PolicyLimits.Default;
        var problems = new List<PolicyProblem>();
        if (!ParameterGuard.IsPolicyVersion(policy.Version))
            problems.Add(new("version", null, "must be " + ParameterGuard.PolicyVersionExpected));
        if (policy.Description.Length > limits.MaxDescription || !Formats.IsParagraph(policy.Description))
            problems.Add(new("description", null, $"must be 1–{limits.MaxDescription} characters of text"));
        if (policy.Indicators.Sum(i => i.Rules.Count) > limits.MaxRules)
            problems.Add(new("indicators", null, $"must have at most {limits.MaxRules} rules in all"));

        var codes = policy.Indicators.Select(i => i.Indicator).ToList();
        foreach (var missing in Indicators.All.Except(codes))
            problems.Add(new("indicators", null, $"lacks the indicator {missing}"));
        foreach (var unknown in codes.Except(Indicators.All))
            problems.Add(new("indicators", null, $"has an unknown indicator {Shorten(unknown)}"));
        foreach (var twice in codes.GroupBy(c => c).Where(g => g.Count() > 1))
            problems.Add(new("indicators", null, $"has the indicator {Shorten(twice.Key)} more than once"));
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
                {
                    problems.Add(new($"{path}.id", null, "must be 1–100 lower-case letters, digits, '.' and '-'"));
                    continue;
                }
                if (!ids.Add(rule.Id))
                    problems.Add(new($"{path}.id", rule.Id, "is used by another rule"));
                if (rule.Reason.Length > limits.MaxReason || !Formats.IsParagraph(rule.Reason))
                    problems.Add(new($"{path}.reason", rule.Id, $"must be 1–{limits.MaxReason} characters of text"));
                if (rule.LegalBasis is { } basis && (basis.Length > limits.MaxLegalBasis || !Formats.IsParagraph(basis)))
                    problems.Add(new($"{path}.legalBasis", rule.Id, $"must be 1–{limits.MaxLegalBasis} characters of text"));
                if (rule.Breach is { Kind: var kind } && !BreachKindPattern().IsMatch(kind))
                    problems.Add(new($"{path}.breach.kind", rule.Id, "must be 1–64 lower-case letters, digits and '-'"));
                problems.AddRange(CheckExpression(rule.When, typeof(bool), $"{path}.when", rule.Id, limits));
                problems.AddRange(CheckExpression(rule.Points, null, $"{path}.points", rule.Id, limits));
            }
        }
        return problems;
    }

    static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    static IEnumerable<PolicyProblem> CheckExpression(string text, Type? resultType, string path, string ruleId, PolicyLimits limits)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [new(path, ruleId, "is required")];
        if (ExpressionBounds.Problem(text, limits) is { } tooLarge)
            return [new(path, ruleId, tooLarge)];
        if (Forbidden().Match(text) is { Success: true } forbidden)
            return [new(path, ruleId, $"uses {forbidden.Value}: reflection, types and system access are not allowed in policies")];

        LambdaExpression lambda;
        try
        {
            lambda = Parse(text, resultType);
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

    /// <summary>
    /// An expression as <c>facts =&gt; …</c> over <see cref="PlanFacts"/>: what the checks here walk, and what
    /// <see cref="CompiledPolicy"/> builds its NRules rules from. Only for text within <see cref="ExpressionBounds"/>.
    /// </summary>
    internal static LambdaExpression Parse(string text, Type? resultType) =>
        DynamicExpressionParser.ParseLambda(Parsing, [Expression.Parameter(typeof(PlanFacts), CompiledPolicy.InputName)], resultType, text);

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
                    problems.Add(new PolicyProblem(path, ex.RuleId, $"throws on {name}: {ex.Reason}"));
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
            DispatchedExaminers = 9, PoolSize = 9, PoolShortageDraws = 3, NonRandomDraws = 3,
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

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9.-]{0,99}\z")]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex BreachKindPattern();

    [GeneratedRegex(@"\b(GetType|typeof|Assembly|Reflection|Activator|AppDomain|Environment|Process|System\.IO|File|Directory|Type)\b")]
    private static partial Regex Forbidden();
}
