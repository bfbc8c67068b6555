namespace Monitoring.Contracts;

/// <summary>A rectification passed its deadline without a passed review.</summary>
public sealed record RectificationOverdue(
    Guid TaskId,
    string PlanId,
    string OrgCode,
    DateTimeOffset DueAt,
    DateTimeOffset DetectedAt) : Contract;
