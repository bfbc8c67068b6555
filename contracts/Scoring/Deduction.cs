namespace Monitoring.Contracts;

/// <summary>Points taken off an indicator by one rule, with the reason in Chinese and its legal basis.</summary>
public sealed record Deduction(string RuleId, decimal Points, string Reason, string? LegalBasis);
