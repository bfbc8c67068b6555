namespace Monitoring.Contracts;

/// <summary>A rule that demands an early warning fired on a plan (e.g. an examiner from outside the pool).</summary>
public sealed record IndicatorBreached(
    string PlanId,
    string OrgCode,
    string RegionCode,
    string Indicator,
    string RuleId,
    string Kind,
    WarningLevel Level,
    string Message,
    DateTimeOffset DetectedAt) : Contract;
