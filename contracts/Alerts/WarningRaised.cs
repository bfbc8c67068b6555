namespace Monitoring.Contracts;

/// <summary>An early warning (预警提示) raised, or escalated, for the centers of the plan's jurisdiction.</summary>
public sealed record WarningRaised(
    Guid WarningId,
    string PlanId,
    string OrgCode,
    string RegionCode,
    WarningLevel Level,
    string Kind,
    string Message,
    DateTimeOffset RaisedAt,
    bool Escalated) : Contract;
