using System.Globalization;
using System.Linq.Expressions;
using FastExpressionCompiler;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using NRules;
using NRules.Diagnostics;
using NRules.Extensibility;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// A validated policy compiled into NRules, once per policy version: each rule of the document becomes one NRules
/// rule (name = rule id, description = reason, tag = indicator, priority from its place in the document) whose
/// condition and action are built from the very <see cref="LambdaExpression"/>s <see cref="PolicyValidator"/>
/// parses and checks, so what was validated is what runs. The session factory is thread-safe and kept with the
/// policy; each evaluation takes a session of its own. A rule that throws fails the whole evaluation with
/// <see cref="RuleEvaluationException"/> naming it: a broken rule must never read as "no deduction".
/// </summary>
public sealed class CompiledPolicy
{
    public const string InputName = "facts";

    readonly RulePolicy[] rules;
    readonly string[] indicatorOf;
    readonly Dictionary<string, int> indexOf;
    readonly System.Reflection.PropertyInfo[][] readsOf;

    /// <summary>The names of the facts each rule reads: whose evidence its finding and its deduction carry.</summary>
    readonly string[][] factNamesOf;

    /// <summary>For each indicator, the number of the first rule after its own (rules are numbered in document order).</summary>
    readonly int[] rulesEnd;

    public CompiledPolicy(PolicyDocument document)
    {
        Document = document;
        var ordered = document.Indicators.SelectMany(i => i.Rules.Select(r => (Indicator: i.Indicator, Rule: r))).ToList();
        rules = [.. ordered.Select(o => o.Rule)];
        indicatorOf = [.. ordered.Select(o => o.Indicator)];
        indexOf = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        rulesEnd = new int[document.Indicators.Count];
        for (int k = 0, end = 0; k < rulesEnd.Length; k++)
            rulesEnd[k] = end += document.Indicators[k].Rules.Count;
        var parsed = rules.Select(r => (When: PolicyValidator.Parse(r.When, typeof(bool)), Points: PolicyValidator.Parse(r.Points, null))).ToArray();
        readsOf = [.. parsed.Select(p => FactsRead(p.When, p.Points))];
        factNamesOf = [.. readsOf.Select(reads => reads.Select(property => property.Name).ToArray())];
        var compiler = new RuleCompiler { ExpressionCompiler = new FastCompiler() };
        SessionFactory = compiler.Compile(ordered
            .Select((o, index) => Build(o.Indicator, o.Rule, parsed[index].When, parsed[index].Points, index, ordered.Count, factNamesOf[index]))
            .Concat(Conclusions.Rules()));
    }

    public PolicyDocument Document { get; }

    public string Version => Document.Version;

    /// <summary>The compiled rules (the raw benchmark runs sessions of it directly).</summary>
    public ISessionFactory SessionFactory { get; }

    /// <summary>Scores <paramref name="facts"/> in a session of its own.</summary>
    public ValueTask<PolicyEvaluation> EvaluateAsync(PlanFacts facts) => ValueTask.FromResult(Result(Run([new PlanCase(facts)], null)[0]));

    /// <summary>
    /// Scores many plans in one session (a rescore pass, a what-if): the rules are single-pattern, so plans never
    /// join and a session costs its setup once. Each plan gets its own outcome: a rule that throws on one plan
    /// fails that plan (<see cref="BatchOutcome.Failure"/>) and no other.
    /// </summary>
    public IReadOnlyList<BatchOutcome> EvaluateBatch(IReadOnlyList<PlanFacts> plans)
    {
        var cases = Run([.. plans.Select(p => new PlanCase(p))], null);
        return [.. cases.Select(plan =>
        {
            try
            {
                return new BatchOutcome(plan.Facts, Result(plan), null);
            }
            catch (RuleEvaluationException ex)
            {
                return new BatchOutcome(plan.Facts, null, ex);
            }
        })];
    }

    /// <summary>
    /// Why the plan scores what it scores: every rule of the policy, whether its condition held (as NRules
    /// evaluated it), the points it deducted, the values of the facts its expressions read and their evidence.
    /// </summary>
    public PolicyExplanation Explain(PlanFacts facts)
    {
        var held = new Dictionary<string, bool>(StringComparer.Ordinal);
        var plan = Run([new PlanCase(facts)], held)[0];
        PolicyEvaluation? evaluation = null;
        string? failure = null;
        try
        {
            evaluation = Result(plan);
        }
        catch (RuleEvaluationException ex)
        {
            failure = ex.Message;
        }
        var points = evaluation?.Indicators.SelectMany(i => i.Deductions).ToDictionary(d => d.RuleId, d => d.Points, StringComparer.Ordinal) ?? [];
        var explained = rules.Select((rule, index) => new RuleExplanation(rule.Id, indicatorOf[index], rule.Reason, rule.LegalBasis,
            held.TryGetValue(rule.Id, out var h) && h, points.TryGetValue(rule.Id, out var p) ? p : null,
            readsOf[index].ToDictionary(property => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name), property => property.GetValue(facts),
                StringComparer.Ordinal))
        {
            Evidence = facts.EvidenceOf(factNamesOf[index]),
        }).ToList();
        return new PolicyExplanation(Version, evaluation?.Score, failure, explained);
    }

    IReadOnlyList<PlanCase> Run(IReadOnlyList<PlanCase> plans, Dictionary<string, bool>? held)
    {
        var session = SessionFactory.CreateSession();
        if (held is not null)
        {
            session.Events.LhsExpressionEvaluatedEvent += (_, e) =>
            {
                if (e.Result is bool result)
                {
                    foreach (var rule in e.Rules)
                        held[rule.Name] = result;
                }
            };
        }
        session.Events.LhsExpressionFailedEvent += (_, e) =>
        {
            e.IsHandled = true;
            if (CaseOf(e.Facts.Select(f => f.Value)) is { } failed)
                failed.Fail(FirstRule(e.Rules.Select(r => r.Name)), e.Exception ?? new InvalidOperationException("a condition failed"));
        };
        session.Events.RhsExpressionFailedEvent += (_, e) =>
        {
            e.IsHandled = true;
            if (CaseOf(e.Match.Facts.Select(f => f.Value)) is { } failed)
                failed.Fail(e.Match.Rule.Name, e.Exception ?? new InvalidOperationException("an action failed"));
        };
        session.InsertAll(plans);
        session.Fire();
        return plans;
    }

    /// <summary>The plan a fact of the session belongs to: the case itself, or the case a finding was made on.</summary>
    static PlanCase? CaseOf(IEnumerable<object?> facts) =>
        facts.Select(f => f switch { PlanCase plan => plan, Finding finding => finding.Plan, _ => null }).FirstOrDefault(p => p is not null);

    /// <summary>The properties of <see cref="PlanFacts"/> the expressions read, in declaration order.</summary>
    static System.Reflection.PropertyInfo[] FactsRead(params LambdaExpression[] expressions)
    {
        var reads = new HashSet<System.Reflection.PropertyInfo>();
        foreach (var expression in expressions)
            new Reads(expression.Parameters[0], reads).Visit(expression.Body);
        return [.. typeof(PlanFacts).GetProperties().Where(reads.Contains)];
    }

    sealed class Reads(ParameterExpression facts, HashSet<System.Reflection.PropertyInfo> reads) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == facts && node.Member is System.Reflection.PropertyInfo property)
                reads.Add(property);
            return base.VisitMember(node);
        }
    }

    /// <summary>
    /// The plan's scores from what fired: rules are numbered in document order, indicator by indicator, so one pass
    /// over the fired rules in that order fills every indicator (this runs for every plan of every batch).
    /// </summary>
    PolicyEvaluation Result(PlanCase plan)
    {
        if (plan.Failure is { } failure)
            throw Failed(failure.RuleId, failure.Error);

        var fired = plan.Fired;
        fired.Sort(static (a, b) => a.Rule.CompareTo(b.Rule));
        var firedRules = new RulePolicy[fired.Count];
        var indicators = new IndicatorScore[Document.Indicators.Count];
        var next = 0;
        var total = 0m;
        for (var k = 0; k < indicators.Length; k++)
        {
            var indicator = Document.Indicators[k];
            List<Deduction>? deductions = null;
            var deducted = 0m;
            for (; next < fired.Count && fired[next].Rule < rulesEnd[k]; next++)
            {
                var (index, output) = fired[next];
                var rule = firedRules[next] = rules[index];
                var points = ToPoints(output)
                    ?? throw Failed(rule.Id, "deducts a number that is not finite or is beyond ±79,228,162,514,264,337,593,543,950,335");
                if (points < 0)
                    throw Failed(rule.Id, $"deducts {points} points: a deduction cannot be negative");
                if (points == 0)
                    continue;
                var deduction = new Deduction(rule.Id, Math.Round(points, 2), rule.Reason, rule.LegalBasis) { Evidence = plan.Facts.EvidenceOf(factNamesOf[index]) };
                (deductions ??= []).Add(deduction);
                deducted += deduction.Points;
            }
            var score = Math.Max(0, indicator.Weight - deducted);
            total += score;
            indicators[k] = new IndicatorScore(indicator.Indicator, indicator.Weight, score, deductions ?? (IReadOnlyList<Deduction>)[]);
        }
        return new PolicyEvaluation(Version, total, indicators, firedRules)
        {
            Conclusions = Ordered(plan.Conclusions),
        };
    }

    /// <summary>
    /// Conclusions in the order of the rules that ground them, a warning before a termination of the same rule (a
    /// rule concludes each at most once, so the order is total). Most plans conclude nothing: that costs nothing.
    /// </summary>
    static IReadOnlyList<Conclusion> Ordered(List<(int Rule, Conclusion Conclusion)>? conclusions)
    {
        if (conclusions is null)
            return [];
        if (conclusions.Count == 1)
            return [conclusions[0].Conclusion];
        conclusions.Sort(static (a, b) => a.Rule != b.Rule ? a.Rule.CompareTo(b.Rule) : Kind(a.Conclusion).CompareTo(Kind(b.Conclusion)));
        return [.. conclusions.Select(c => c.Conclusion)];

        static int Kind(Conclusion conclusion) => conclusion is WarningConclusion ? 0 : 1;
    }

    /// <summary>
    /// One rule: a single pattern on the plan's case, the rule's condition on its facts, and an action that
    /// records the rule and its points. The validator's lambdas read <c>facts</c>; here they read <c>plan.Facts</c>.
    /// A rule that raises a breach or an event also inserts a <see cref="Finding"/>: the rules of
    /// <see cref="Conclusions"/> draw the warning and the termination recommendation from it; the finding knows the facts
    /// the rule reads (<paramref name="reads"/>), so a warning can carry their evidence.
    /// </summary>
    static IRuleDefinition Build(string indicator, RulePolicy rule, LambdaExpression when, LambdaExpression points, int index, int count,
        string[] reads)
    {
        var builder = new RuleBuilder();
        builder.Name(rule.Id);
        builder.Description(rule.Reason);
        builder.Tag(indicator);
        builder.Priority(count - index);

        var pattern = builder.LeftHandSide().Pattern(typeof(PlanCase), "plan");
        var plan = pattern.Declaration.ToParameterExpression();
        var facts = Expression.Property(plan, nameof(PlanCase.Facts));
        pattern.Condition(Expression.Lambda(Rebind(when, facts), plan));

        var context = Expression.Parameter(typeof(IContext), "context");
        var deducted = Expression.Convert(Rebind(points, facts), typeof(object));
        Expression action = Expression.Call(plan, typeof(PlanCase).GetMethod(nameof(PlanCase.Record))!, Expression.Constant(index), deducted);
        if (rule.Breach is not null || rule.Event is not null)
        {
            var finding = Expression.New(typeof(Finding).GetConstructors().Single(),
                plan, Expression.Constant(index), Expression.Constant(rule.Id), Expression.Constant(indicator), Expression.Constant(rule.Reason),
                Expression.Constant(rule.Breach, typeof(BreachPolicy)), Expression.Constant(rule.Event, typeof(PolicyEvent?)),
                Expression.Constant(reads, typeof(IReadOnlyList<string>)));
            action = Expression.Block(action, Expression.Call(context, typeof(IContext).GetMethod(nameof(IContext.Insert))!, finding));
        }
        builder.RightHandSide().Action(Expression.Lambda(action, context, plan));
        return builder.Build();
    }

    /// <summary>The body of <c>facts =&gt; …</c> with <c>facts</c> replaced by <paramref name="facts"/>.</summary>
    static Expression Rebind(LambdaExpression lambda, Expression facts) => new Replace(lambda.Parameters[0], facts).Visit(lambda.Body);

    string? FirstRule(IEnumerable<string> names) =>
        names.Where(indexOf.ContainsKey).OrderBy(n => indexOf[n]).FirstOrDefault();

    RuleEvaluationException Failed(string? ruleId, Exception error)
    {
        while (error.InnerException is { } inner && error is System.Reflection.TargetInvocationException or RuleExpressionEvaluationException)
            error = inner;
        return Failed(ruleId, error.Message, error);
    }

    RuleEvaluationException Failed(string? ruleId, string message, Exception? error = null)
    {
        var indicator = ruleId is not null && indexOf.TryGetValue(ruleId, out var index) ? indicatorOf[index] : "unknown";
        return new RuleEvaluationException(Version, indicator, ruleId, message, error);
    }

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

    sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>NRules' expressions compiled by FastExpressionCompiler, falling back to the framework's compiler for what it cannot do.</summary>
    sealed class FastCompiler : IExpressionCompiler
    {
        public TDelegate Compile<TDelegate>(Expression<TDelegate> expression) where TDelegate : Delegate =>
            expression.CompileFast(ifFastFailedReturnNull: true) ?? expression.Compile();
    }
}

/// <summary>
/// One plan in a session: its facts, and what the rules made of them. A class, so NRules tells two plans with
/// equal facts apart (records that are equal would count as one fact).
/// </summary>
public sealed class PlanCase(PlanFacts facts)
{
    public PlanFacts Facts { get; } = facts;

    /// <summary>The rules that fired (their place in the policy) and the points each computed.</summary>
    public List<(int Rule, object? Points)> Fired { get; } = [];

    /// <summary>What the rules over findings concluded, with the place in the policy of the rule whose finding grounds it; null for none.</summary>
    public List<(int Rule, Conclusion Conclusion)>? Conclusions { get; private set; }

    public (string? RuleId, Exception Error)? Failure { get; private set; }

    public void Record(int rule, object? points) => Fired.Add((rule, points));

    public void Conclude(int rule, Conclusion conclusion) => (Conclusions ??= []).Add((rule, conclusion));

    public void Fail(string? ruleId, Exception error) => Failure ??= (ruleId, error);
}

/// <summary>One plan of a batch: its evaluation, or why a rule failed on it.</summary>
public sealed record BatchOutcome(PlanFacts Facts, PolicyEvaluation? Evaluation, RuleEvaluationException? Failure);

/// <summary>Every rule of a policy on one plan: whether it held, what it deducted, and the facts it read.</summary>
public sealed record PolicyExplanation(string PolicyVersion, decimal? Score, string? Failure, IReadOnlyList<RuleExplanation> Rules);

public sealed record RuleExplanation(string RuleId, string Indicator, string Reason, string? LegalBasis, bool Held, decimal? Points,
    IReadOnlyDictionary<string, object?> Facts)
{
    /// <summary>What grounds the facts the rule read on this plan (the applicants behind a count, a statistical test's numbers); null when none.</summary>
    public string? Evidence { get; init; }
}

/// <summary>
/// A plan's scores under one policy, the rules that fired and what the engine concluded from their findings
/// (warnings to raise, a termination to recommend), in the order of the rules that ground them.
/// </summary>
public sealed record PolicyEvaluation(string PolicyVersion, decimal Score, IReadOnlyList<IndicatorScore> Indicators, IReadOnlyList<RulePolicy> Fired)
{
    public IReadOnlyList<Conclusion> Conclusions { get; init; } = [];
}

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
