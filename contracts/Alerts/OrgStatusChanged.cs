namespace Monitoring.Contracts;

/// <summary>An org moved in the catalogue (目录清单): active → suspended → revoked.</summary>
public sealed record OrgStatusChanged(
    string OrgCode,
    OrgStatus From,
    OrgStatus To,
    string Reason,
    string? PlanId,
    DateTimeOffset ChangedAt) : Contract;
