namespace Monitoring.Ingest.Plans;

/// <summary>The body of <c>POST /api/v1/plans</c> as API.md names it; every field nullable so that a missing one is reported, not defaulted.</summary>
public sealed record PlanRequest(
    string? PlanId,
    string? OrgCode,
    string? OrgName,
    string? OrgKind,
    string? RegionCode,
    string? OccupationCode,
    string? OccupationName,
    int? Level,
    int? CandidateCount,
    DateTimeOffset? ExamStart,
    DateTimeOffset? ExamEnd,
    string? SiteCode,
    bool? SiteRegistered,
    bool? WithinFiledScope,
    DateTimeOffset? AnnouncedAt);
