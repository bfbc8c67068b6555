namespace Monitoring.Console.Api;

// The services' answers as API.md (and the fields added since) describe them; the console reads only what it shows.

public sealed record KeyIdentity(string KeyId, string Name, string Role, string? Region);

public sealed record Warning(Guid WarningId, string PlanId, string OrgCode, string RegionCode, string Level, string Kind, string Message,
    DateTimeOffset RaisedAt, string Status, DateTimeOffset UpdatedAt, DateTimeOffset? DeadlineAt, bool Overdue);

public sealed record WarningStep(DateTimeOffset At, string Action, string Actor, string Level, string? Detail);

public sealed record PlanScore(string PlanId, decimal Score, string Status, string PolicyVersion, DateTimeOffset ScoredAt, IReadOnlyList<IndicatorScore> Indicators);

public sealed record IndicatorScore(string Indicator, decimal Weight, decimal Score, IReadOnlyList<Deduction> Deductions);

public sealed record Deduction(string RuleId, decimal Points, string Reason, string? LegalBasis)
{
    /// <summary>What grounds the deduction on this plan (the applicants behind a count, the certificate and where its holder served).</summary>
    public string? Evidence { get; init; }
}

public sealed record RectificationTask(Guid TaskId, string PlanId, string OrgCode, string RegionCode, decimal Score, DateTimeOffset OpenedAt,
    DateTimeOffset DueAt, string Status, DateTimeOffset? SubmittedAt, string? Summary, DateTimeOffset? ReviewedAt, string? Reviewer);

public sealed record Termination(string PlanId, string OrgCode, string RegionCode, int Sampled, int NonQualifying, DateTimeOffset RecommendedAt,
    string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Outcome = null);

public sealed record NoticeSummary(Guid NoticeId, string DocumentNo, string Kind, string OrgCode, string? PlanId, string RegionCode, DateTimeOffset IssuedAt);

public sealed record Org(string OrgCode, string? OrgName, string Status, bool InCatalogue, IReadOnlyList<OrgStep> History);

public sealed record OrgStep(DateTimeOffset At, string From, string To, string Reason, string? PlanId, string Actor);
