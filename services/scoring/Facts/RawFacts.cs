using Monitoring.Contracts;

namespace Monitoring.Scoring.Facts;

/// <summary>
/// A plan's rows as stored, before anything is derived from them. <see cref="FinalFrom"/> is when a closed plan's
/// score becomes final (its closing plus the closing grace); null while the plan runs.
/// </summary>
public sealed record RawFacts(
    PlanFiled Plan,
    ExecutionRow? Execution,
    ReviewRow? Review,
    IReadOnlyList<DispatchedExaminer>? Examiners,
    PaperRow? Paper,
    SupervisionRow? Supervision,
    ResultAggregate Results,
    IReadOnlyList<VideoRow> Videos,
    IReadOnlyList<DisclosureRow> Disclosures,
    SurveyAggregate Surveys,
    DateTimeOffset? FinalFrom,
    IReadOnlyList<WarningRow> Warnings)
{
    /// <summary>How many of ingest's messages about the plan scoring has folded in.</summary>
    public int Messages { get; init; }

    /// <summary>
    /// The plan's per-candidate rows (results, survey answers) were purged after the retention period
    /// (<see cref="Plans.CandidateDataPurge"/>): its facts are no longer whole, and it is never scored again.
    /// </summary>
    public bool CandidatesPurged { get; init; }

    /// <summary>An approved cross-region application covers the plan (its org, occupation, level, exam day and site region).</summary>
    public bool CrossRegionApproved { get; init; }

    /// <summary>
    /// Whether the plan's site is a confirmed site of its org in its region, when the org has a site registry (a site its
    /// center decided); null when it has none, and the platform's <c>siteRegistered</c> flag alone tells.
    /// </summary>
    public bool? SiteInRegistry { get; init; }

    /// <summary>How many examiners the pool held when the plan's examiners were drawn; null when not reported.</summary>
    public int? PoolSize { get; init; }

    /// <summary>The org's pool draws the plan's own are weighed against (<see cref="Draws.DrawTest"/>); null when the plan has none with a known pool size.</summary>
    public Draws.DrawWindow? Draws { get; init; }

    /// <summary>Who ran the plan's exam; null until the platform reported it.</summary>
    public Staffing.StaffingRow? Staffing { get; init; }

    /// <summary>The plan's certificates held by people who served the org's plans in the period (<see cref="ScoringOptions.StaffCertificateWindow"/>).</summary>
    public IReadOnlyList<Staffing.CertifiedStaffRow> CertifiedStaff { get; init; } = [];
}

public sealed record ExecutionRow(DateTimeOffset ActualStart, DateTimeOffset ActualEnd, string SiteCode, int CandidatesPresent);

public sealed record ReviewRow(int Sampled, int NonQualifying)
{
    /// <summary>The sampled applicants one by one, when the platform sent them.</summary>
    public IReadOnlyList<ReviewedApplicant> Records { get; init; } = [];
}

public sealed record PaperRow(string Bank, int ReusedItems, bool TheoryOnComputer, bool PaperExamApproved)
{
    /// <summary>A self-built paper passed expert review; null when not reported.</summary>
    public bool? ExpertReviewed { get; init; }

    /// <summary>When a self-built paper was filed with the center; null when it was not, or not reported.</summary>
    public DateTimeOffset? FiledAt { get; init; }
}

public sealed record SupervisionRow(string? SupervisorId, IReadOnlyList<SupervisionFinding> Findings);

/// <summary>Result rows summed in SQL, with how many were recorded on each day (Asia/Shanghai) to find late entries.</summary>
public sealed record ResultAggregate(int Count, int Passed, int BunchedMarks, int EditedAfterLock, IReadOnlyList<ResultDay> Days)
{
    public static readonly ResultAggregate None = new(0, 0, 0, 0, []);
}

public sealed record ResultDay(DateOnly Day, int Count);

public sealed record VideoRow(string Room, DateTimeOffset From, DateTimeOffset To, int ResolutionLines, int CandidatesCovered, int CandidatesInRoom);

public sealed record DisclosureRow(DisclosureKind Kind, DateTimeOffset PublishedAt, DateTimeOffset? Until);

public sealed record SurveyAggregate(int Responses, decimal MeanSatisfaction, int Complaints)
{
    public static readonly SurveyAggregate None = new(0, 0, 0);
}

public sealed record WarningRow(WarningLevel Level, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt);
