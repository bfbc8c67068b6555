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
    DateTimeOffset AnnouncedAt) : Contract;
