using System.Linq.Expressions;
using Monitoring.Contracts;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// A derived fact: what a policy rule found on a plan beyond its deduction (the breach it raises, the event it calls
/// for). The policy rule's action inserts it into the session; the rules of <see cref="Conclusions"/> reason over it.
/// A class, so two findings with equal values stay two facts.
/// </summary>
public sealed class Finding(PlanCase plan, int rule, string ruleId, string indicator, string reason, BreachPolicy? breach, PolicyEvent? @event,
    IReadOnlyList<string> reads)
{
    public PlanCase Plan { get; } = plan;

    /// <summary>The finding rule's place in the policy.</summary>
    public int Rule { get; } = rule;

    public string RuleId { get; } = ruleId;
    public string Indicator { get; } = indicator;
    public string Reason { get; } = reason;
    public BreachPolicy? Breach { get; } = breach;
    public PolicyEvent? Event { get; } = @event;

    /// <summary>The names of the facts the finding rule reads.</summary>
    public IReadOnlyList<string> Reads { get; } = reads;

    /// <summary>
    /// The reason, followed by the evidence the facts builder gave for the facts the rule reads (the numbers behind a
    /// statistical fact such as <see cref="Facts.PlanFacts.NonRandomDraws"/>): what a warning says. Most facts have none.
    /// </summary>
    public string Message => Plan.Facts.EvidenceOf(Reads) is { } evidence ? Reason + "。" + evidence : Reason;
}

/// <summary>What the engine concludes about a plan from the findings of its rules; <see cref="RuleId"/> is the rule whose finding grounds it.</summary>
public abstract record Conclusion(string RuleId);

/// <summary>An early warning to the center of the plan's region.</summary>
public sealed record WarningConclusion(string RuleId, string Indicator, string Kind, WarningLevel Level, string Reason) : Conclusion(RuleId);

/// <summary>The plan should be terminated or returned (non-qualifying applicants ≥ 1/3 of the sample [N]), with the sample that shows it.</summary>
public sealed record TerminationConclusion(string RuleId, int Sampled, int NonQualifying) : Conclusion(RuleId);

/// <summary>
/// The rules every compiled policy carries besides its own: forward chaining from the findings its rules insert to
/// the conclusions the other services act on. Each is a single pattern on a <see cref="Finding"/> (a finding knows
/// its plan, so nothing joins), and fires after the policy's rules (priority below theirs). Their names start with
/// <c>@</c>, which no policy rule id can.
/// </summary>
public static class Conclusions
{
    public const string WarningRule = "@warning";
    public const string TerminationRule = "@plan-termination";

    public static IEnumerable<IRuleDefinition> Rules()
    {
        // A rule that raises a breach warns the center of the plan's region.
        yield return Rule(WarningRule, "An early warning for each breach a rule finds",
            finding => finding.Breach != null,
            (context, finding) => finding.Plan.Conclude(finding.Rule,
                new WarningConclusion(finding.RuleId, finding.Indicator, finding.Breach!.Kind, finding.Breach.Level, finding.Message)));

        // Non-qualifying applicants ≥ 1/3 of the sample: the plan may be terminated or returned directly [N].
        yield return Rule(TerminationRule, "A plan-termination recommendation for a rule that calls for one",
            finding => finding.Event == PolicyEvent.PlanTermination,
            (context, finding) => finding.Plan.Conclude(finding.Rule,
                new TerminationConclusion(finding.RuleId, finding.Plan.Facts.ReviewSampled, finding.Plan.Facts.ReviewNonQualifying)));
    }

    static IRuleDefinition Rule(string name, string description, Expression<Func<Finding, bool>> when, Expression<Action<IContext, Finding>> then)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Description(description);
        builder.Priority(0);
        // NRules binds a lambda's parameters to the rule's declarations by name: the pattern is called "finding".
        builder.LeftHandSide().Pattern(typeof(Finding), "finding").Condition(when);
        builder.RightHandSide().Action(then);
        return builder.Build();
    }
}
