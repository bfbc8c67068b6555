using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Staffing;
using Monitoring.ServiceDefaults.Calendar;
using Xunit;
using static Monitoring.Scoring.Tests.Facts;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// How a plan's staffing, review records and paper become the facts of issue 21's rules, as tables: the plan is
/// <see cref="Facts.Plan"/>'s (org S3301060001, 中式烹调师 4-03-02-01 at level 4, exam on 2026-11-02 09:00).
/// </summary>
public sealed class StaffingFactsTests
{
    static readonly FactsBuilder Builder = new(WorkingCalendar.Official());
    static readonly DateTimeOffset Now = T("2026-11-20T00:00:00+08:00");
    const string Org = "S3301060001";

    static Served Examiner(string id, string occupation = "4-03-02-01", int level = 4) => new(id, StaffRole.Examiner, null, occupation, level);

    static StaffingRow Staffing(params ExamRoom[] rooms) =>
        new(null, null, rooms, [.. rooms.SelectMany(r => r.ExaminerIds).Distinct().Select(id => Examiner(id)), new("D1", StaffRole.Supervisor, null, null, null)]);

    static ExamRoom Room(ExamKind kind, int candidates, int examiners) =>
        new($"R-{kind}-{candidates}-{examiners}", kind, candidates, [.. Enumerable.Range(1, examiners).Select(i => $"E{i}")]);

    static PlanFacts Build(RawFacts raw) => Builder.Build(raw, Now);

    static RawFacts Raw() => new(Plan("P-STAFF"), null, null, null, null, null, ResultAggregate.None, [], [], SurveyAggregate.None, null, []);

    public static TheoryData<string, ExamKind, int, int, bool> Rooms() => new()
    {
        // The defaults: theory ≥ 2 examiners and ≤ 15 candidates each; skill ≥ 3 examiners and ≤ 5 candidates each.
        { "theory, 30 candidates, 2 examiners: 1:15", ExamKind.Theory, 30, 2, false },
        { "theory, 31 candidates, 2 examiners", ExamKind.Theory, 31, 2, true },
        { "theory, 10 candidates, 1 examiner: under the room's minimum", ExamKind.Theory, 10, 1, true },
        { "theory, 45 candidates, 3 examiners", ExamKind.Theory, 45, 3, false },
        { "skill, 15 candidates, 3 examiners: 1:5", ExamKind.Skill, 15, 3, false },
        { "skill, 16 candidates, 3 examiners", ExamKind.Skill, 16, 3, true },
        { "skill, 4 candidates, 2 examiners: a panel needs 3", ExamKind.Skill, 4, 2, true },
        { "skill, 1 candidate, no examiner", ExamKind.Skill, 1, 0, true },
    };

    [Theory]
    [MemberData(nameof(Rooms))]
    public void A_room_is_short_of_examiners_below_its_kinds_minimum_or_ratio(string @case, ExamKind kind, int candidates, int examiners, bool shortStaffed)
    {
        var facts = Build(Raw() with { Staffing = Staffing(Room(kind, candidates, examiners)) });

        Assert.True(facts.StaffingReported, @case);
        Assert.Equal(shortStaffed ? 1 : 0, facts.ShortStaffedRooms);
        Assert.Equal(shortStaffed, facts.Evidence.ContainsKey(nameof(PlanFacts.ShortStaffedRooms)));
    }

    [Fact]
    public void The_ratios_are_options()
    {
        var lenient = new FactsBuilder(WorkingCalendar.Official(), staffing: StaffingRules.Default with { SkillCandidatesPerExaminer = 10 });

        Assert.Equal(0, lenient.Build(Raw() with { Staffing = Staffing(Room(ExamKind.Skill, 30, 3)) }, Now).ShortStaffedRooms);
        Assert.Equal(1, Build(Raw() with { Staffing = Staffing(Room(ExamKind.Skill, 30, 3)) }).ShortStaffedRooms);
    }

    [Fact]
    public void The_short_staffed_room_is_explained_with_its_numbers()
    {
        var facts = Build(Raw() with { Staffing = Staffing(Room(ExamKind.Skill, 16, 3)) });

        Assert.Equal("考场R-Skill-16-3（技能操作考核，16名考生）配备3名考评人员，至少需4名（每考场不少于3名，考评人员与考生配比不低于1:5）",
            facts.Evidence[nameof(PlanFacts.ShortStaffedRooms)]);
    }

    public static TheoryData<string, string?, int?, bool> Certificates() => new()
    {
        { "the plan's occupation at its level", "4-03-02-01", 4, true },
        { "the plan's occupation at a higher level (3 above 4)", "4-03-02-01", 3, true },
        { "the plan's occupation at a lower level (5 below 4)", "4-03-02-01", 5, false },
        { "the occupation the plan's 工种 belongs to", "4-03-02", 4, true },
        { "a code that only starts with the same digits", "4-03-02-0", 4, false },
        { "another occupation", "4-03-02-02", 4, false },
        { "no certificate reported", null, null, false },
    };

    [Theory]
    [MemberData(nameof(Certificates))]
    public void An_examiner_is_qualified_by_a_certificate_for_the_occupation_at_the_level_or_above(string @case, string? occupation, int? level, bool qualified)
    {
        var staffing = Staffing(Room(ExamKind.Theory, 20, 2)) is var row
            ? row with { Staff = [new Served("E1", StaffRole.Examiner, null, occupation, level), Examiner("E2"), new("D1", StaffRole.Supervisor, null, null, null)] }
            : null;

        var facts = Build(Raw() with { Staffing = staffing });

        Assert.True(qualified ? facts.UnqualifiedExaminers == 0 : facts.UnqualifiedExaminers == 1, @case);
    }

    [Theory]
    [InlineData(null, null, null, false, 0)]                            // its own site, its own staff
    [InlineData("S3301060002", null, null, true, 0)]                   // another org's site
    [InlineData("S3301060002", "BA-2026-17", null, false, 0)]          // … with a filing that allows it
    [InlineData(Org, null, null, false, 0)]                            // the operator named is the org itself
    [InlineData(null, null, "S3301060002", false, 1)]                  // exam staff employed by another org
    [InlineData(null, "BA-2026-17", "S3301060002", false, 0)]          // … with a filing
    [InlineData(null, null, Org, false, 0)]                            // exam staff of its own
    public void Another_orgs_site_or_exam_staff_without_a_filing_is_delegation(string? siteOperator, string? filing, string? staffEmployer,
        bool delegatedSite, int foreignStaff)
    {
        var staffing = Staffing(Room(ExamKind.Theory, 20, 2)) with { SiteOperatorOrgCode = siteOperator, DelegationFilingNo = filing };
        if (staffEmployer is not null)
            staffing = staffing with { Staff = [.. staffing.Staff, new Served("K1", StaffRole.ExamStaff, staffEmployer, null, null)] };

        var facts = Build(Raw() with { Staffing = staffing });

        Assert.Equal((delegatedSite, foreignStaff), (facts.DelegatedSite, facts.ForeignExamStaff));
    }

    [Fact]
    public void A_staffing_without_a_supervisor_says_so_and_no_staffing_says_nothing()
    {
        var staffing = Staffing(Room(ExamKind.Theory, 20, 2));
        var unsupervised = Build(Raw() with { Staffing = staffing with { Staff = [.. staffing.Staff.Where(s => s.Role != StaffRole.Supervisor)] } });
        var unreported = Build(Raw());

        Assert.Equal((true, 0), (unsupervised.StaffingReported, unsupervised.DispatchedSupervisors));
        Assert.Equal((false, 0, 0, false), (unreported.StaffingReported, unreported.ShortStaffedRooms, unreported.UnqualifiedExaminers, unreported.DelegatedSite));
    }

    public static TheoryData<string, ReviewedApplicant, string?> Applicants() => new()
    {
        { "social, work years verified", new(CandidateGroup.Social, true, WorkHistoryVerified: true, SupportingDocuments: false), null },
        { "social, documents instead", new(CandidateGroup.Social, true, WorkHistoryVerified: false, SupportingDocuments: true), null },
        { "social, neither", new(CandidateGroup.Social, true, WorkHistoryVerified: false, SupportingDocuments: false), "社会人员工作年限未经核验且未提供佐证材料" },
        { "student, enrolment verified", new(CandidateGroup.Student, true, EnrolmentVerified: true, EnrolmentRecordUploaded: false), null },
        { "student, records uploaded instead", new(CandidateGroup.Student, true, EnrolmentVerified: false, EnrolmentRecordUploaded: true), null },
        { "student, neither", new(CandidateGroup.Student, true, EnrolmentVerified: false, EnrolmentRecordUploaded: false), "在校学生学籍未经核验且未上传学籍材料" },
        { "enterprise, insured with a contract", new(CandidateGroup.Enterprise, true, SocialInsurance: true, LabourContract: true, AlternativeEvidence: false), null },
        { "enterprise, uninsured, contract and proof of the post", new(CandidateGroup.Enterprise, true, SocialInsurance: false, LabourContract: true, AlternativeEvidence: true), null },
        { "enterprise, uninsured, contract only", new(CandidateGroup.Enterprise, true, SocialInsurance: false, LabourContract: true, AlternativeEvidence: false), "企业职工未缴纳社保且无在职在岗佐证材料" },
        { "enterprise, insured without a contract", new(CandidateGroup.Enterprise, true, SocialInsurance: true, LabourContract: false, AlternativeEvidence: true), "企业职工未签订劳动合同" },
        { "dispatched, 3 months on the job", new(CandidateGroup.Dispatched, true, SocialInsurance: true, LabourContract: true, DispatchAgreement: true, MonthsOnJob: 3), null },
        { "dispatched, 2 months on the job", new(CandidateGroup.Dispatched, true, SocialInsurance: true, LabourContract: true, DispatchAgreement: true, MonthsOnJob: 2), "劳务派遣人员在用工单位上岗不足3个月" },
        { "dispatched, not insured by the dispatcher", new(CandidateGroup.Dispatched, true, SocialInsurance: false, LabourContract: true, DispatchAgreement: true, MonthsOnJob: 12), "劳务派遣人员未在派遣公司缴纳社保" },
        { "dispatched, no dispatch agreement", new(CandidateGroup.Dispatched, true, SocialInsurance: true, LabourContract: true, DispatchAgreement: false, MonthsOnJob: 12), "劳务派遣人员未签订劳务派遣协议及劳动合同" },
    };

    [Theory]
    [MemberData(nameof(Applicants))]
    public void Each_group_needs_the_evidence_the_notice_names(string @case, ReviewedApplicant applicant, string? shortfall) =>
        Assert.True(shortfall == StaffingRules.EvidenceShortfall(applicant), $"{@case}: {StaffingRules.EvidenceShortfall(applicant)}");

    [Fact]
    public void Applicants_let_through_without_their_evidence_count_as_non_qualifying_with_the_reasons()
    {
        ReviewedApplicant Dispatched(int months, bool qualifying = true) =>
            new(CandidateGroup.Dispatched, qualifying, SocialInsurance: true, LabourContract: true, DispatchAgreement: true, MonthsOnJob: months);
        var review = new ReviewRow(20, 2)
        {
            Records =
            [
                Dispatched(1), Dispatched(2), Dispatched(12), Dispatched(1, qualifying: false),
                new(CandidateGroup.Student, true, EnrolmentVerified: false, EnrolmentRecordUploaded: false),
            ],
        };

        var facts = Build(Raw() with { Review = review });

        // The center's 2 (one of them the dispatched worker it turned down), and 3 it let through: 5 of 20.
        Assert.Equal((20, 5, 3), (facts.ReviewSampled, facts.ReviewNonQualifying, facts.EvidenceNonQualifying));
        Assert.Equal("抽查20人，机构判定不符合2人；另有3人佐证材料不符合要求：劳务派遣人员在用工单位上岗不足3个月2人，在校学生学籍未经核验且未上传学籍材料1人",
            facts.Evidence[nameof(PlanFacts.ReviewNonQualifying)]);
    }

    [Fact]
    public void A_review_of_counts_only_scores_as_before()
    {
        var facts = Build(Raw() with { Review = new ReviewRow(20, 2) });

        Assert.Equal((20, 2, 0), (facts.ReviewSampled, facts.ReviewNonQualifying, facts.EvidenceNonQualifying));
        Assert.False(facts.Evidence.ContainsKey(nameof(PlanFacts.ReviewNonQualifying)));
    }

    [Theory]
    [InlineData("self-built", true, "2026-10-20T10:00:00+08:00", false)] // reviewed, filed before the exam
    [InlineData("self-built", true, "2026-11-02T09:00:00+08:00", true)]  // filed at the exam's start: not before it
    [InlineData("self-built", true, null, true)]                          // never filed
    [InlineData("self-built", false, "2026-10-20T10:00:00+08:00", true)] // filed without expert review
    [InlineData("self-built", null, null, false)]                         // not reported (older senders): nothing to judge
    [InlineData("national", null, null, false)]                           // a bank's paper
    public void A_self_built_paper_needs_expert_review_and_a_filing_before_the_exam(string bank, bool? reviewed, string? filedAt, bool unapproved)
    {
        var paper = new PaperRow(bank, 0, true, false) { ExpertReviewed = reviewed, FiledAt = filedAt is null ? null : T(filedAt) };

        Assert.Equal(unapproved, Build(Raw() with { Paper = paper }).SelfBuiltPaperUnapproved);
    }

    [Fact]
    public void A_certificate_held_by_the_orgs_staff_counts_once_per_certificate_and_names_where_they_served()
    {
        var raw = Raw() with
        {
            CertifiedStaff =
            [
                new("Y330100012026040000011", "P-EARLIER", StaffRole.Examiner),
                new("Y330100012026040000011", "P-STAFF", StaffRole.ExamStaff),
                new("Y330100012026040000012", "P-LATER", StaffRole.Supervisor),
            ],
        };

        var facts = Build(raw);

        Assert.Equal(2, facts.CertifiedStaff);
        Assert.Equal("证书Y330100012026040000011的持有人曾任本机构认定计划P-EARLIER的考评人员、P-STAFF的考务人员；"
            + "证书Y330100012026040000012的持有人曾任本机构认定计划P-LATER的质量督导人员", facts.Evidence[nameof(PlanFacts.CertifiedStaff)]);
    }
}
