namespace Monitoring.Contracts;

/// <summary>A certification plan (认定计划) filed on the integrated platform.</summary>
public sealed record PlanFiled(
    string PlanId,
    string OrgCode,
    string OrgName,
    OrgKind OrgKind,
    string RegionCode,
    string OccupationCode,
    string OccupationName,
    int Level,
    int CandidateCount,
    DateTimeOffset ExamStart,
    DateTimeOffset ExamEnd,
    string SiteCode,
    bool SiteRegistered,
    bool WithinFiledScope,
    DateTimeOffset AnnouncedAt) : Contract
{
    /// <summary>Version 2 added <see cref="OrgRegionCode"/>.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>
    /// The region the org is registered in (备案地区), when the platform says: a plan held outside it needs an approved
    /// cross-region application (<see cref="CrossRegionApplicationFiled"/>). Null on older messages and when not sent.
    /// </summary>
    public string? OrgRegionCode { get; init; }
}
