using System.Text.Json;
namespace Monitoring.Demo.Scenario;

/// <summary>The faults a plan can carry; each has a known effect under the default policy.</summary>
public enum Fault
{
    None,

    /// <summary>Two examiners from outside the pool, no supervisor, a video gap, theory on paper with reused items, two edits after lock: 50.</summary>
    Failing,

    /// <summary>4 of 12 sampled applicants non-qualifying (1/3): 85, a termination recommendation.</summary>
    Termination,

    /// <summary>One examiner from outside the pool: 95, a red warning.</summary>
    OutsidePool,

    /// <summary>A room filmed with a gap: 90, an orange warning.</summary>
    VideoGap,

    /// <summary>Results entered weeks after the exam: 98.</summary>
    LateResults,

    /// <summary>One result edited after lock: 95.</summary>
    EditedResult,

    /// <summary>Held outside the org's registered region, its cross-region application refused: 90, a red warning.</summary>
    OutOfRegion,

    /// <summary>Held outside the org's registered region with an approved cross-region application: 100.</summary>
    OutOfRegionApproved,

    /// <summary>The org never published its fee standard: 95.</summary>
    FeesUnpublished,

    /// <summary>Held at a site that is not among the org's confirmed sites, though the platform's flag says registered: 95, red and yellow warnings.</summary>
    SiteNotInRegistry,

    /// <summary>Held at one of the org's confirmed sites: 100.</summary>
    SiteInRegistry,

    /// <summary>
    /// Four plans to an org (<see cref="ScenarioGenerator.DrawGroupSize"/>), a week or so apart, each drawing 3 of a pool of
    /// 300; one examiner is drawn into the 1st, 3rd and 4th: random draws would do that with a chance of 4×10⁻⁶. The 4th
    /// completes the pattern: 95 and an orange warning; the others 100.
    /// </summary>
    FavouredExaminer,

    /// <summary>
    /// Four plans to an org whose pool holds 2 examiners: both are drawn into every plan (random draws from 2 must), and the
    /// third is an internal emergency draw for the pool's shortage, which is real: 100, nothing to warn of.
    /// </summary>
    SmallPool,

    /// <summary>An internal emergency draw "for a pool shortage" while the pool held 40 for 3 examiners: 95, an orange warning.</summary>
    UnfoundedShortage,

    /// <summary>A skill room marked by two examiners, where a skill room needs a panel of 3 (一(一) 数量充足): 97, an orange warning.</summary>
    ShortStaffed,

    /// <summary>
    /// One examiner whose certificate (考评员证) does not cover the plan (一(一) 资质符合): certified a level below the plan's, or, for a
    /// level-5 plan, for another occupation: 95, an orange warning.
    /// </summary>
    UnqualifiedExaminer,

    /// <summary>Held at a site another org operates, with no filing that allows it (三(一) 不得授权或委托其他机构): 90, a red warning.</summary>
    DelegatedSite,

    /// <summary>
    /// An enterprise evaluating its own workers: the center found 2 of 20 sampled applicants non-qualifying (10 %, −5 alone);
    /// among the 18 it let through is a dispatched worker on the job 2 months, short of the 3 the notice asks (二(三)), who
    /// counts as non-qualifying too: 3 of 20 is 15 %, −10: 90, no warning (below 1/3).
    /// </summary>
    DispatchedUnderThreeMonths,

    /// <summary>
    /// A self-built paper that passed expert review but was filed with the center two hours after the exam began, not before
    /// it (二(四) 经专家评审、省市评价（鉴定）中心备案后启用): 95, an orange warning.
    /// </summary>
    SelfBuiltPaperUnapproved,

    /// <summary>
    /// Two plans to an org (<see cref="ScenarioGenerator.StaffGroupSize"/>): an examiner of the first is certified as a
    /// candidate of the second, by the same 身份证号 (三(二) 工作人员违规获证): the second 95 and a red warning, the first 100.
    /// A plan left without a second certifies one of its own exam staff: 95 and a red warning.
    /// </summary>
    StaffCertified,
}

/// <summary>A plan the generator made, with what it planted and what must come of it.</summary>
public sealed record PlannedPlan(
    string PlanId,
    string OrgCode,
    string RegionCode,
    string CityCode,
    string CityName,
    int Candidates,
    Fault Fault,
    decimal ExpectedScore,
    bool DuplicateCertificate,
    IReadOnlyList<(string Level, string Kind)> ExpectedWarnings);

/// <summary>One ingest call: its import <c>type</c>, plan and body (the API.md shapes).</summary>
public sealed record Submission(string Type, string? PlanId, object Body)
{
    public string Path => Type switch
    {
        "plan" => "api/v1/plans",
        "certificates" => "api/v1/certificates",
        "application" => "api/v1/applications",
        "site" => "api/v1/sites",
        _ => $"api/v1/plans/{PlanId}/{Type}",
    };

    /// <summary>The facts the call carries as ingest counts them (its 202's <c>accepted</c>): the items of a bulk body, else one.</summary>
    public int Facts()
    {
        var body = JsonSerializer.SerializeToElement(Body, JsonSerializerOptions.Web);
        foreach (var items in (string[])["results", "responses", "segments", "certificates"])
            if (body.TryGetProperty(items, out var array) && array.ValueKind == JsonValueKind.Array)
                return array.GetArrayLength();
        return 1;
    }
}

/// <summary>An exam site the scenario files for an org, which the org's center confirms.</summary>
public sealed record PlannedSite(string OrgCode, string SiteCode, Submission Filing);

/// <summary>A cross-region application the scenario files, and whether the centers approve it (else the site's center refuses it).</summary>
public sealed record PlannedApplication(string ApplicationId, Submission Filing, bool Approve);

/// <summary>A generated exam period: the plans, every submission in the order to send it, and the counts it planted.</summary>
public sealed record GeneratedScenario(int Seed, string Tag, IReadOnlyList<PlannedPlan> Plans, IReadOnlyList<Submission> Facts, IReadOnlyList<Submission> Closings)
{
    /// <summary>Cross-region applications, to file and decide before the plans are sent (<see cref="IngestSender.SendFilingsAsync"/>).</summary>
    public IReadOnlyList<PlannedApplication> Applications { get; init; } = [];

    /// <summary>Exam sites of orgs that keep a site registry, to file and have confirmed before the plans are sent.</summary>
    public IReadOnlyList<PlannedSite> Sites { get; init; } = [];

    public int Candidates => Plans.Sum(p => p.Candidates);

    public int BelowSixty => Plans.Count(p => p.ExpectedScore < 60);

    public IReadOnlyDictionary<string, int> WarningsByLevel => Plans.SelectMany(p => p.ExpectedWarnings)
        .GroupBy(w => w.Level).ToDictionary(g => g.Key, g => g.Count());

    public IReadOnlyDictionary<string, int> WarningsByCity => Plans.Where(p => p.ExpectedWarnings.Count > 0)
        .GroupBy(p => p.CityName).ToDictionary(g => g.Key, g => g.Sum(p => p.ExpectedWarnings.Count));
}
