namespace Monitoring.Contracts;

/// <summary>A plan scored below 60: the org must rectify (整改) by <see cref="DueAt"/>.</summary>
public sealed record RectificationOpened(
    Guid TaskId,
    string PlanId,
    string OrgCode,
    string RegionCode,
    decimal Score,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt) : Contract;
