using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// The default policy, rule by rule, as a table a domain expert can read: the facts of a plan, the rule
/// that must fire (or none) and the points it takes. Each row changes only the facts it names; everything
/// else is a plan just filed with nothing wrong. Boundaries sit next to each other.
/// </summary>
public sealed class DefaultPolicyTests
{
    static readonly CompiledPolicy Policy = new(DefaultPolicy.Document());

    public sealed record Row(string Case, PlanFacts Facts, string? Rule, decimal Points)
    {
        public override string ToString() => Case;
    }

    static Row R(string @case, PlanFacts facts, string? rule, decimal points = 0) => new(@case, facts, rule, points);

    /// <summary>A plan closed with everything in order: supervised, disclosed, half the candidates answered, all satisfied.</summary>
    static readonly PlanFacts Closed = new()
    {
        ExamStarted = true, ExamEnded = true, Closed = true, SupervisionReported = true, PlanDisclosed = true, FeesDisclosed = true,
        ResultsDisclosed = true, ResultsPublicityWorkingDays = 5, SurveyResponses = 20, SurveyResponseRate = 0.5m, MeanSatisfaction = 1m,
        VideoSegments = 4, LowestResolution = 1080,
    };

    public static TheoryData<Row> Rules() =>
    [
        // 计划公告发布与执行 (10)
        R("announced 15 working days before: on time", new() { AnnouncementLeadWorkingDays = 15 }, null),
        R("announced 14 working days before: late", new() { AnnouncementLeadWorkingDays = 14 }, "plan.announced-late", 3),
        R("not announced before the exam", new() { AnnouncedBeforeExam = false, AnnouncementLeadWorkingDays = 0 }, "plan.not-announced", 10),
        R("exam held on another date than filed", new() { ExecutionReported = true, DateChanged = true }, "plan.unfiled-change", 3),
        R("another date and another site", new() { ExecutionReported = true, DateChanged = true, SiteChanged = true }, "plan.unfiled-change", 6),
        R("unregistered site", new() { SiteRegistered = false }, "plan.unregistered-site", 5),
        R("registry: the site is a confirmed site of the org", new() { SiteRegistryKnown = true, SiteInRegistry = true }, null),
        R("registry: the site is not the org's though the flag says registered", new() { SiteRegistryKnown = true, SiteInRegistry = false }, "plan.unregistered-site", 5),
        R("registry: the site is not the org's, the flag agrees", new() { SiteRegistryKnown = true, SiteInRegistry = false, SiteRegistered = false }, "plan.unregistered-site", 5),
        R("registry: the site is the org's though the flag says not: the registry wins", new() { SiteRegistryKnown = true, SiteInRegistry = true, SiteRegistered = false }, null),
        R("occupation or level outside the filed scope", new() { WithinFiledScope = false }, "plan.outside-scope", 10),
        R("closed outside the org's region without an approved application", Closed with { OutsideOrgRegion = true }, "plan.outside-region-unapproved", 10),
        R("closed outside the org's region with an approved application", Closed with { OutsideOrgRegion = true, CrossRegionApproved = true }, null),
        R("outside the org's region, not closed yet: judged at closing", new() { ExamStarted = true, PlanDisclosed = true, FeesDisclosed = true, OutsideOrgRegion = true }, null),
        R("closed inside the org's region", Closed with { OutsideOrgRegion = false }, null),
        R("staffed at its own site with its own exam staff", new() { StaffingReported = true, DispatchedSupervisors = 1 }, null),
        R("the site operated by another org without a filing", new() { StaffingReported = true, DispatchedSupervisors = 1, DelegatedSite = true }, "plan.delegated", 10),
        R("1 member of the exam staff employed by another org without a filing", new() { StaffingReported = true, DispatchedSupervisors = 1, ForeignExamStaff = 1 }, "plan.delegated", 10),
        R("another org's site and 3 of its exam staff: one deduction", new() { StaffingReported = true, DispatchedSupervisors = 1, DelegatedSite = true, ForeignExamStaff = 3 }, "plan.delegated", 10),

        // 资格审核 (15): share of the sample found non-qualifying
        R("4 of 100 non-qualifying (4%): full marks", new() { ReviewSampled = 100, ReviewNonQualifying = 4 }, null),
        R("5 of 100 (5%)", new() { ReviewSampled = 100, ReviewNonQualifying = 5 }, "qualification.non-qualifying-5", 5),
        R("14 of 100 (14%)", new() { ReviewSampled = 100, ReviewNonQualifying = 14 }, "qualification.non-qualifying-5", 5),
        R("15 of 100 (15%)", new() { ReviewSampled = 100, ReviewNonQualifying = 15 }, "qualification.non-qualifying-15", 10),
        R("32 of 99 (just under 1/3)", new() { ReviewSampled = 99, ReviewNonQualifying = 32 }, "qualification.non-qualifying-15", 10),
        R("33 of 99 (exactly 1/3): terminate", new() { ReviewSampled = 99, ReviewNonQualifying = 33 }, "qualification.non-qualifying-third", 15),
        R("1 of 3 (exactly 1/3): terminate", new() { ReviewSampled = 3, ReviewNonQualifying = 1 }, "qualification.non-qualifying-third", 15),
        R("no review yet", new() { ReviewSampled = 0, ReviewNonQualifying = 0 }, null),

        // 试题应用 (10)
        R("1 self-built item reused", new() { ReusedSelfBuiltItems = 1 }, "questions.reused-items", 2),
        R("3 self-built items reused", new() { ReusedSelfBuiltItems = 3 }, "questions.reused-items", 6),
        R("4 self-built items reused: capped at 6", new() { ReusedSelfBuiltItems = 4 }, "questions.reused-items", 6),
        R("theory on paper without approval", new() { TheoryOnPaperWithoutApproval = true }, "questions.theory-on-paper", 4),
        R("a self-built paper without expert review or filing before the exam", new() { SelfBuiltPaperUnapproved = true }, "questions.self-built-unapproved", 5),

        // 考务人员 (10)
        R("1 examiner from outside the pool", new() { OutsidePoolExaminers = 1 }, "staff.outside-pool", 5),
        R("1 emergency internal draw without reason", new() { UnjustifiedInternalDraws = 1 }, "staff.unjustified-internal-draw", 5),
        R("2 trainers examining their own candidates", new() { TrainerExaminers = 2 }, "staff.trainer-examiner", 10),
        R("pool shortage claimed, the pool held 2 for 3 examiners: a shortage", new() { DispatchedExaminers = 3, PoolSize = 2, PoolShortageDraws = 1 }, null),
        R("pool shortage claimed, the pool held 3 for 3 examiners: unfounded", new() { DispatchedExaminers = 3, PoolSize = 3, PoolShortageDraws = 1 }, "staff.unfounded-pool-shortage", 5),
        R("2 pool-shortage draws, the pool held 40", new() { DispatchedExaminers = 3, PoolSize = 40, PoolShortageDraws = 2 }, "staff.unfounded-pool-shortage", 10),
        R("pool shortage claimed, pool size not reported: trusted as before", new() { DispatchedExaminers = 3, PoolShortageDraws = 1 }, null),
        R("a pool of 40 and no shortage claimed", new() { DispatchedExaminers = 3, PoolSize = 40 }, null),
        R("1 examiner drawn into the org's plans far beyond chance", new() { NonRandomDraws = 1 }, "staff.draw-not-random", 5),
        R("3 such examiners: the indicator bottoms at 0", new() { NonRandomDraws = 3 }, "staff.draw-not-random", 15),
        R("every room staffed to its minimum", new() { StaffingReported = true, DispatchedSupervisors = 1, ShortStaffedRooms = 0 }, null),
        R("1 room short of examiners", new() { StaffingReported = true, DispatchedSupervisors = 1, ShortStaffedRooms = 1 }, "staff.short-staffed-rooms", 3),
        R("2 rooms short", new() { StaffingReported = true, DispatchedSupervisors = 1, ShortStaffedRooms = 2 }, "staff.short-staffed-rooms", 6),
        R("3 rooms short: capped at 6", new() { StaffingReported = true, DispatchedSupervisors = 1, ShortStaffedRooms = 3 }, "staff.short-staffed-rooms", 6),
        R("1 examiner whose certificate does not cover the plan", new() { StaffingReported = true, DispatchedSupervisors = 1, UnqualifiedExaminers = 1 }, "staff.unqualified-examiners", 5),
        R("3 such examiners: the indicator bottoms at 0", new() { StaffingReported = true, DispatchedSupervisors = 1, UnqualifiedExaminers = 3 }, "staff.unqualified-examiners", 15),
        R("staffing reported without a quality supervisor", new() { StaffingReported = true, DispatchedSupervisors = 0 }, "staff.no-supervisor-dispatched", 3),
        R("no staffing reported: nothing to judge", new() { StaffingReported = false, DispatchedSupervisors = 0 }, null),

        // 质量督导 (10)
        R("supervision reported without a supervisor", new() { SupervisionReported = true, SupervisorAssigned = false }, "supervision.none", 10),
        R("2 findings left open", new() { SupervisionReported = true, OpenFindings = 2 }, "supervision.open-findings", 6),

        // 成绩管理 (10)
        R("results entered late", new() { LateResults = 3 }, "results.late-entry", 2),
        R("1 edit after lock", new() { EditsAfterLock = 1 }, "results.edited-after-lock", 5),
        R("3 edits after lock: capped at 10", new() { EditsAfterLock = 3 }, "results.edited-after-lock", 10),
        R("1 certificate to a person who served the org's plans", new() { CertifiedStaff = 1 }, "results.staff-certified", 5),
        R("3 such certificates: capped at 10", new() { CertifiedStaff = 3 }, "results.staff-certified", 10),
        R("pass rate 95%: plausible", Closed with { ResultCount = 40, PassRate = 0.95m }, null),
        R("pass rate 95.1%", Closed with { ResultCount = 1000, PassRate = 0.951m }, "results.implausible", 3),
        R("20% of marks at 60–61: plausible", Closed with { ResultCount = 40, BunchedMarkShare = 0.20m }, null),
        R("20.5% of marks at 60–61", Closed with { ResultCount = 40, BunchedMarkShare = 0.205m }, "results.implausible", 3),
        R("100% pass among only 9 results: too few to judge", Closed with { ResultCount = 9, PassRate = 1m }, null),
        R("100% pass while results still arrive: judged at closing", new() { ExamEnded = true, ResultCount = 40, PassRate = 1m }, null),

        // 视频管理 (15)
        R("closed, video covers 100%", Closed with { VideoCoverage = 1m }, null),
        R("closed, video covers 99.9%", Closed with { VideoCoverage = 0.999m }, "video.coverage", 10),
        R("closed without any video", Closed with { VideoSegments = 0, VideoCoverage = 0m, LowestResolution = 0 }, "video.coverage", 10),
        R("exam over, videos still uploading: coverage judged at closing", new() { ExamEnded = true, PlanDisclosed = true, FeesDisclosed = true, VideoSegments = 1, VideoCoverage = 0.5m, LowestResolution = 720 }, null),
        R("a 480p camera", new() { VideoSegments = 2, LowestResolution = 480 }, "video.low-resolution", 3),
        R("720p cameras", new() { VideoSegments = 2, LowestResolution = 720 }, null),

        // 信息公示 (5)
        R("exam started, fees not published", new() { ExamStarted = true, PlanDisclosed = true, FeesDisclosed = false }, "disclosure.fees-not-published", 5),
        R("exam started, plan not published", new() { ExamStarted = true, PlanDisclosed = false, FeesDisclosed = true }, "disclosure.missing", 5),
        R("fees not published, exam not started yet", new() { PlanDisclosed = true, FeesDisclosed = false }, null),
        R("closed with everything in order", Closed, null),
        R("closed, results not published", Closed with { ResultsDisclosed = false, ResultsPublicityWorkingDays = 0 }, "disclosure.missing", 5),
        R("results publicised 4 working days", new() { ResultsDisclosed = true, ResultsPublicityWorkingDays = 4 }, "disclosure.short-publicity", 3),
        R("results publicised 5 working days", new() { ResultsDisclosed = true, ResultsPublicityWorkingDays = 5 }, null),

        // 考生满意度调查 (5)
        R("closed, no survey answers: 2.5", Closed with { SurveyResponses = 0, SurveyResponseRate = 0m, MeanSatisfaction = 0m }, "survey.low-response", 2.5m),
        R("closed, 15% answered: 1.25", Closed with { SurveyResponseRate = 0.15m }, "survey.low-response", 1.25m),
        R("closed, 29.9% answered: 0.01", Closed with { SurveyResponseRate = 0.299m }, "survey.low-response", 0.01m),
        R("closed, 30% answered, mean 90%: enough", Closed with { SurveyResponseRate = 0.30m, MeanSatisfaction = 0.9m }, null),
        R("closed, mean satisfaction 72%: 0.5", Closed with { MeanSatisfaction = 0.72m }, "survey.low-satisfaction", 0.5m),
        R("closed without a supervision report", Closed with { SupervisionReported = false }, "supervision.none", 10),
        R("2 complaints", new() { Complaints = 2 }, "survey.complaints", 2),

        // 预警提示 (10)
        R("1 warning open past its deadline", new() { OverdueWarnings = 1 }, "warnings.overdue", 2),
        R("6 warnings overdue: the indicator bottoms at 0", new() { OverdueWarnings = 6 }, "warnings.overdue", 12),
    ];

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Each_rule_fires_at_its_boundary_and_takes_its_points(Row row)
    {
        var result = await Policy.EvaluateAsync(row.Facts);

        var deductions = result.Indicators.SelectMany(i => i.Deductions).ToList();
        if (row.Rule is null)
        {
            Assert.Empty(deductions);
            Assert.Equal(100m, result.Score);
            return;
        }
        var deduction = Assert.Single(deductions);
        Assert.Equal(row.Rule, deduction.RuleId);
        Assert.Equal(row.Points, deduction.Points);
        var indicator = result.Indicators.Single(i => i.Deductions.Count > 0);
        Assert.Equal(Math.Max(0, indicator.Weight - row.Points), indicator.Score);
        Assert.Equal(100m - (indicator.Weight - indicator.Score), result.Score);
        Assert.False(string.IsNullOrWhiteSpace(deduction.Reason));
        Assert.NotNull(deduction.LegalBasis);
    }

    /// <summary>Rules that deduct nothing (a warning only), each with a test of its own below.</summary>
    static readonly string[] WarningOnly = ["plan.site-registration-mismatch"];

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public async Task A_site_flag_that_disagrees_with_the_registry_is_a_yellow_warning_of_its_own(bool flag, bool inRegistry, bool warned)
    {
        var result = await Policy.EvaluateAsync(new() { SiteRegistryKnown = true, SiteRegistered = flag, SiteInRegistry = inRegistry });

        Assert.Equal(warned, result.Fired.Any(r => r is { Id: "plan.site-registration-mismatch", Breach.Level: Contracts.WarningLevel.Yellow }));
        Assert.DoesNotContain(result.Indicators.SelectMany(i => i.Deductions), d => d.RuleId == "plan.site-registration-mismatch");
        Assert.False((await Policy.EvaluateAsync(new() { SiteRegistered = flag, SiteInRegistry = inRegistry })).Fired.Any(r => r.Id == "plan.site-registration-mismatch"),
            "without a registry the flag alone tells");
    }

    [Fact]
    public void Every_rule_of_the_default_policy_has_a_row()
    {
        var covered = ((IEnumerable<object[]>)Rules()).Select(r => ((Row)r[0]).Rule).Concat(WarningOnly).ToHashSet();
        var rules = DefaultPolicy.Document().Indicators.SelectMany(i => i.Rules).Select(r => r.Id);
        Assert.All(rules, rule => Assert.Contains(rule, covered));
    }

    [Fact]
    public async Task A_plan_at_60_passes_and_at_59_does_not()
    {
        // 10 (outside scope) + 15 (1/3 non-qualifying) + 10 (video) + 5 (an examiner from outside the pool) = 40 → 60.
        var sixty = Closed with { WithinFiledScope = false, ReviewSampled = 9, ReviewNonQualifying = 3, VideoCoverage = 0.9m, OutsidePoolExaminers = 1 };
        // ... and one complaint more → 59.
        var fiftyNine = sixty with { Complaints = 1 };

        Assert.Equal(60m, (await Policy.EvaluateAsync(sixty)).Score);
        Assert.Equal(59m, (await Policy.EvaluateAsync(fiftyNine)).Score);
    }

    [Fact]
    public async Task Breaches_and_events_come_with_the_rules_that_demand_them()
    {
        var result = await Policy.EvaluateAsync(Closed with { OutsidePoolExaminers = 1, ReviewSampled = 3, ReviewNonQualifying = 1, ResultCount = 50, PassRate = 1 });

        Assert.Contains(result.Fired, r => r is { Id: "staff.outside-pool", Breach.Level: Contracts.WarningLevel.Red });
        Assert.Contains(result.Fired, r => r is { Id: "qualification.non-qualifying-third", Event: PolicyEvent.PlanTermination });
        Assert.Contains(result.Fired, r => r is { Id: "results.implausible", Breach.Level: Contracts.WarningLevel.Yellow });
    }

    [Fact]
    public async Task The_duties_of_part_two_warn_at_their_levels()
    {
        var result = await Policy.EvaluateAsync(new()
        {
            StaffingReported = true, DispatchedSupervisors = 1, DelegatedSite = true, ShortStaffedRooms = 1, UnqualifiedExaminers = 1,
            SelfBuiltPaperUnapproved = true, CertifiedStaff = 1,
        });

        Assert.Contains(result.Fired, r => r is { Id: "plan.delegated", Breach: { Level: Contracts.WarningLevel.Red, Kind: "delegated-evaluation" } });
        Assert.Contains(result.Fired, r => r is { Id: "results.staff-certified", Breach: { Level: Contracts.WarningLevel.Red, Kind: "staff-certified" } });
        Assert.Contains(result.Fired, r => r is { Id: "staff.short-staffed-rooms", Breach.Level: Contracts.WarningLevel.Orange });
        Assert.Contains(result.Fired, r => r is { Id: "staff.unqualified-examiners", Breach.Level: Contracts.WarningLevel.Orange });
        Assert.Contains(result.Fired, r => r is { Id: "questions.self-built-unapproved", Breach.Level: Contracts.WarningLevel.Orange });
    }

    [Fact]
    public async Task A_deduction_carries_the_evidence_of_the_facts_its_rule_reads()
    {
        var evidence = new Dictionary<string, string> { [nameof(PlanFacts.CertifiedStaff)] = "证书S1的持有人曾任本机构认定计划P2的考评人员", [nameof(PlanFacts.NonRandomDraws)] = "unrelated" };

        var result = await Policy.EvaluateAsync(new() { CertifiedStaff = 1, EditsAfterLock = 1, Evidence = evidence });

        var deductions = result.Indicators.SelectMany(i => i.Deductions).ToDictionary(d => d.RuleId);
        Assert.Equal("证书S1的持有人曾任本机构认定计划P2的考评人员", deductions["results.staff-certified"].Evidence);
        Assert.Null(deductions["results.edited-after-lock"].Evidence);
    }
}
