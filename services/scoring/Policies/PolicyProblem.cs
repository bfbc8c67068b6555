namespace Monitoring.Scoring.Policies;

/// <summary>Why a policy was refused: where (a JSON path, and the rule when there is one) and what is wrong.</summary>
public sealed record PolicyProblem(string Path, string? RuleId, string Message);
