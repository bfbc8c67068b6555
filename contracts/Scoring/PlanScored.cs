namespace Monitoring.Contracts;

/// <summary>The system score of a plan (0–100) under one policy version, with its whole breakdown.</summary>
public sealed record PlanScored(
    string PlanId,
    string OrgCode,
    string RegionCode,
    decimal Score,
    ScoreStatus Status,
    string PolicyVersion,
    DateTimeOffset ScoredAt,
    IReadOnlyList<IndicatorScore> Indicators,
    string? OrgName = null) : Contract
{
    /// <summary>Version 2 added <see cref="Deduction.Evidence"/>.</summary>
    public const int CurrentSchemaVersion = 2;
}
