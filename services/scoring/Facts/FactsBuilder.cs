using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Calendar;
using Monitoring.Scoring.Draws;
using Monitoring.Scoring.Staffing;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Access;

namespace Monitoring.Scoring.Facts;

/// <summary>
/// Derives the <see cref="PlanFacts"/> a policy sees from a plan's rows and the time of scoring. <paramref name="draws"/>
/// weighs the plan's examiner draws (<see cref="DrawTest.Default"/> when not given).
/// </summary>
public sealed class FactsBuilder(WorkingCalendar calendar, DrawTest? draws = null, StaffingRules? staffing = null)
{
    /// <summary>How a plan's examiner draws are weighed (what to load with the plan: the window and the minimum).</summary>
    public DrawTest Draws { get; } = draws ?? DrawTest.Default;

    /// <summary>The staffing minimums and the period of a staff member's certificate (what to load with the plan).</summary>
    public StaffingRules Staffing { get; } = staffing ?? StaffingRules.Default;

    /// <summary>Results are due within 5 working days of the exam's end [D].</summary>
    public const int ResultDeadlineWorkingDays = 5;

    public PlanFacts Build(RawFacts raw, DateTimeOffset now)
    {
        var plan = raw.Plan;
        var start = raw.Execution?.ActualStart ?? plan.ExamStart;
        var end = raw.Execution?.ActualEnd ?? plan.ExamEnd;
        var candidates = raw.Execution?.CandidatesPresent is > 0 and var present ? present : plan.CandidateCount;
        var examiners = raw.Examiners ?? [];
        var resultDeadline = calendar.AddWorkingDays(Day(end), ResultDeadlineWorkingDays);
        var results = raw.Results;
        var surveys = raw.Surveys;
        var disclosures = raw.Disclosures.ToDictionary(d => d.Kind);
        var resultsDisclosure = disclosures.GetValueOrDefault(DisclosureKind.Results);
        var nonRandom = Draws.Findings(raw.Draws);
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
        if (nonRandom.Count > 0)
            evidence[nameof(PlanFacts.NonRandomDraws)] = string.Join("；", nonRandom.Select(Draws.Explain));
        var shortfalls = (raw.Review?.Records ?? []).Where(a => a.Qualifying).Select(StaffingRules.EvidenceShortfall).OfType<string>().ToList();
        if (shortfalls.Count > 0)
            evidence[nameof(PlanFacts.ReviewNonQualifying)] = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"抽查{raw.Review!.Sampled}人，机构判定不符合{raw.Review.NonQualifying}人；另有{shortfalls.Count}人佐证材料不符合要求：")
                + string.Join("，", shortfalls.GroupBy(r => r).Select(g => $"{g.Key}{g.Count()}人"));
        var staffing = raw.Staffing;
        var shortStaffed = staffing is null ? [] : Staffing.ShortStaffed(staffing);
        if (shortStaffed.Count > 0)
            evidence[nameof(PlanFacts.ShortStaffedRooms)] = string.Join("；", shortStaffed.Select(Staffing.ExplainShortStaffed));
        var unqualified = staffing is null ? [] : StaffingRules.Unqualified(staffing, plan.OccupationCode, plan.Level);
        if (unqualified.Count > 0)
            evidence[nameof(PlanFacts.UnqualifiedExaminers)] = string.Join("；",
                unqualified.Select(x => StaffingRules.ExplainUnqualified(x, plan.OccupationCode, plan.Level)));
        var delegatedSite = staffing is not null && StaffingRules.DelegatedSite(staffing, plan.OrgCode);
        if (delegatedSite)
            evidence[nameof(PlanFacts.DelegatedSite)] = $"考点由{staffing!.SiteOperatorOrgCode}运营，未见允许的备案";
        var foreignStaff = staffing is null ? [] : StaffingRules.ForeignExamStaff(staffing, plan.OrgCode);
        if (foreignStaff.Count > 0)
            evidence[nameof(PlanFacts.ForeignExamStaff)] = "考务人员" + string.Join("、", foreignStaff.Select(x => $"{x.PersonId}受雇于{x.EmployerOrgCode}"))
                + "，未见允许的备案";
        var certifiedStaff = raw.CertifiedStaff.GroupBy(c => c.CertificateNo, StringComparer.Ordinal).ToList();
        if (certifiedStaff.Count > 0)
            evidence[nameof(PlanFacts.CertifiedStaff)] = string.Join("；", certifiedStaff.Select(g =>
                $"证书{g.Key}的持有人曾任本机构认定计划" + string.Join("、", g.Select(c => $"{c.ServedPlanId}的{RoleName(c.Role)}"))));

        return new PlanFacts
        {
            PlanId = plan.PlanId,
            OrgCode = plan.OrgCode,
            RegionCode = plan.RegionCode,
            AnnouncedBeforeExam = plan.AnnouncedAt < plan.ExamStart,
            AnnouncementLeadWorkingDays = calendar.WorkingDaysBetween(Day(plan.AnnouncedAt), Day(plan.ExamStart)),
            SiteRegistered = plan.SiteRegistered,
            WithinFiledScope = plan.WithinFiledScope,
            OutsideOrgRegion = plan.OrgRegionCode is { } registered && !Jurisdiction.Covers(registered, plan.RegionCode),
            CrossRegionApproved = raw.CrossRegionApproved,
            SiteRegistryKnown = raw.SiteInRegistry is not null,
            SiteInRegistry = raw.SiteInRegistry == true,
            ExamStarted = now >= start,
            ExamEnded = now >= end,
            Closed = raw.FinalFrom <= now,
            ExecutionReported = raw.Execution is not null,
            DateChanged = raw.Execution is { } e && Day(e.ActualStart) != Day(plan.ExamStart),
            SiteChanged = raw.Execution is { } x && !string.Equals(x.SiteCode, plan.SiteCode, StringComparison.Ordinal),
            ReviewSampled = raw.Review?.Sampled ?? 0,
            ReviewNonQualifying = Math.Min(raw.Review?.Sampled ?? 0, (raw.Review?.NonQualifying ?? 0) + shortfalls.Count),
            EvidenceNonQualifying = shortfalls.Count,
            StaffingReported = staffing is not null,
            ShortStaffedRooms = shortStaffed.Count,
            DispatchedSupervisors = staffing?.Staff.Count(x => x.Role == StaffRole.Supervisor) ?? 0,
            UnqualifiedExaminers = unqualified.Count,
            DelegatedSite = delegatedSite,
            ForeignExamStaff = foreignStaff.Count,
            OutsidePoolExaminers = examiners.Count(x => x.Source == ExaminerSource.OutsidePool),
            UnjustifiedInternalDraws = examiners.Count(x => x.Source == ExaminerSource.InternalEmergency && x.Reason is null),
            TrainerExaminers = examiners.Count(x => x.TrainedTheseCandidates),
            DispatchedExaminers = examiners.Count,
            PoolSize = raw.PoolSize ?? 0,
            PoolShortageDraws = examiners.Count(x => x is { Source: ExaminerSource.InternalEmergency, Reason: EmergencyDrawReason.PoolShortage }),
            NonRandomDraws = nonRandom.Count,
            Evidence = evidence.Count == 0 ? PlanFacts.NoEvidence : evidence,
            ReusedSelfBuiltItems = raw.Paper is { Bank: "self-built" } paper ? paper.ReusedItems : 0,
            TheoryOnPaperWithoutApproval = raw.Paper is { TheoryOnComputer: false, PaperExamApproved: false },
            // Only when the platform said (older messages say nothing): reviewed by experts, and filed before the exam began.
            SelfBuiltPaperUnapproved = raw.Paper is { Bank: "self-built", ExpertReviewed: { } reviewed } selfBuilt
                                       && !(reviewed && selfBuilt.FiledAt < start),
            SupervisionReported = raw.Supervision is not null,
            SupervisorAssigned = raw.Supervision is null || raw.Supervision.SupervisorId is not null,
            OpenFindings = raw.Supervision?.Findings.Count(f => !f.Closed) ?? 0,
            ResultCount = results.Count,
            PassRate = results.Count == 0 ? 0 : (decimal)results.Passed / results.Count,
            BunchedMarkShare = results.Count == 0 ? 0 : (decimal)results.BunchedMarks / (2 * results.Count),
            LateResults = results.Days.Where(d => d.Day > resultDeadline).Sum(d => d.Count),
            EditsAfterLock = results.EditedAfterLock,
            CertifiedStaff = certifiedStaff.Count,
            VideoSegments = raw.Videos.Count,
            VideoCoverage = VideoCoverage(raw.Videos, start, end, candidates),
            LowestResolution = raw.Videos.Count == 0 ? 0 : raw.Videos.Min(v => v.ResolutionLines),
            PlanDisclosed = disclosures.ContainsKey(DisclosureKind.Plan),
            FeesDisclosed = disclosures.ContainsKey(DisclosureKind.Fees),
            ResultsDisclosed = resultsDisclosure is not null,
            ResultsPublicityWorkingDays = resultsDisclosure?.Until is { } until
                ? calendar.WorkingDaysBetween(Day(resultsDisclosure.PublishedAt).AddDays(-1), Day(until))
                : 0,
            SurveyResponses = surveys.Responses,
            SurveyResponseRate = candidates == 0 ? 0 : Math.Min(1, (decimal)surveys.Responses / candidates),
            MeanSatisfaction = surveys.MeanSatisfaction / 5,
            Complaints = surveys.Complaints,
            OverdueWarnings = raw.Warnings.Count(w => IsOverdue(w, now)),
        };
    }

    /// <summary>When a warning raised at <paramref name="raisedAt"/> must have been answered: 10 / 5 / 2 working days [D].</summary>
    public DateTimeOffset WarningDeadline(WarningLevel level, DateTimeOffset raisedAt) => ServiceDefaults.Calendar.WarningDeadline.For(calendar, level, raisedAt);

    /// <summary>The moments at which time alone changes a plan's facts, so the plan is rescored then.</summary>
    public IEnumerable<DateTimeOffset> Milestones(RawFacts raw)
    {
        var start = raw.Execution?.ActualStart ?? raw.Plan.ExamStart;
        var end = raw.Execution?.ActualEnd ?? raw.Plan.ExamEnd;
        yield return start;
        yield return end;
        yield return EndOf(calendar.AddWorkingDays(Day(end), ResultDeadlineWorkingDays));
        if (raw.FinalFrom is { } final)
            yield return final;
        foreach (var warning in raw.Warnings.Where(w => w.AcknowledgedAt is null))
            yield return WarningDeadline(warning.Level, warning.RaisedAt);
    }

    bool IsOverdue(WarningRow warning, DateTimeOffset now)
    {
        var deadline = WarningDeadline(warning.Level, warning.RaisedAt);
        return (warning.AcknowledgedAt ?? now) >= deadline && now >= deadline;
    }

    /// <summary>
    /// The least-covered share over rooms: for each room, the part of the exam window its segments cover
    /// (their union) times the share of its candidates the cameras see; and rooms nobody filmed count
    /// through the candidates no room accounts for. No video at all is 0.
    /// </summary>
    public static decimal VideoCoverage(IReadOnlyList<VideoRow> videos, DateTimeOffset start, DateTimeOffset end, int candidates)
    {
        if (videos.Count == 0 || end <= start)
            return 0;
        var window = (decimal)(end - start).Ticks;
        var coverage = 1m;
        var inRooms = 0;
        foreach (var room in videos.GroupBy(v => v.Room, StringComparer.Ordinal))
        {
            long covered = 0;
            var cursor = start;
            foreach (var segment in room.OrderBy(v => v.From))
            {
                var from = segment.From > cursor ? segment.From : cursor;
                var to = segment.To < end ? segment.To : end;
                if (to > from)
                {
                    covered += (to - from).Ticks;
                    cursor = to;
                }
            }
            var seen = room.Min(v => v.CandidatesInRoom == 0 ? 1m : Math.Min(1m, (decimal)v.CandidatesCovered / v.CandidatesInRoom));
            coverage = Math.Min(coverage, covered / window * seen);
            inRooms += room.Max(v => v.CandidatesInRoom);
        }
        if (candidates > 0 && inRooms < candidates)
            coverage = Math.Min(coverage, (decimal)inRooms / candidates);
        return coverage;
    }

    static DateOnly Day(DateTimeOffset time) => ShanghaiTime.Day(time);

    static string RoleName(StaffRole role) => role switch
    {
        StaffRole.Examiner => "考评人员",
        StaffRole.Supervisor => "质量督导人员",
        _ => "考务人员",
    };

    /// <summary>A deadline "by day D" passes at the next midnight in Asia/Shanghai.</summary>
    static DateTimeOffset EndOf(DateOnly day) => ShanghaiTime.EndOf(day);
}
