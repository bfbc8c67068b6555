namespace Monitoring.Contracts;

/// <summary>Points taken off an indicator by one rule, with the reason in Chinese and its legal basis.</summary>
public sealed record Deduction(string RuleId, decimal Points, string Reason, string? LegalBasis)
{
    /// <summary>
    /// What grounds it on this plan, in Chinese, when the facts the rule reads carry evidence (the numbers of a statistical
    /// test, the applicants behind a count); null otherwise and on older messages.
    /// </summary>
    public string? Evidence { get; init; }
}
