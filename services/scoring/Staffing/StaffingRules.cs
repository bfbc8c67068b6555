using System.Globalization;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Staffing;

/// <summary>
/// The minimums a plan's staffing is held to (一(一) 配备资质符合、数量充足的考评人员、质量督导人员和考务人员), from
/// <see cref="ScoringOptions"/>, and what a plan's staffing, review records and certificates come to as facts.
/// </summary>
public sealed record StaffingRules(
    int TheoryCandidatesPerExaminer,
    int TheoryExaminersPerRoom,
    int SkillCandidatesPerExaminer,
    int SkillExaminersPerRoom,
    TimeSpan StaffCertificateWindow)
{
    public static readonly StaffingRules Default = From(new ScoringOptions());

    public static StaffingRules From(ScoringOptions o) => new(o.TheoryCandidatesPerExaminer, o.TheoryExaminersPerRoom, o.SkillCandidatesPerExaminer,
        o.SkillExaminersPerRoom, o.StaffCertificateWindow);

    /// <summary>The rooms with fewer examiners than their kind's minimum, or more candidates per examiner than its ratio allows.</summary>
    public IReadOnlyList<ExamRoom> ShortStaffed(StaffingRow staffing) =>
        [.. staffing.Rooms.Where(room => room.ExaminerIds.Count < MinimumOf(room.Kind)
                                         || room.Candidates > room.ExaminerIds.Count * (long)RatioOf(room.Kind))];

    /// <summary>
    /// The examiners whose certificate does not cover the plan: another occupation (a certificate for an occupation covers
    /// its 工种, whose codes extend the occupation's), or a lower level (levels run from 1, the highest, to 5).
    /// </summary>
    public static IReadOnlyList<Served> Unqualified(StaffingRow staffing, string occupationCode, int level) =>
        [.. staffing.Staff.Where(s => s.Role == StaffRole.Examiner && !Covers(s, occupationCode, level))];

    static bool Covers(Served examiner, string occupationCode, int level) =>
        examiner is { CertifiedOccupationCode: { } certified, CertifiedLevel: { } certifiedLevel }
        && certifiedLevel <= level
        && (occupationCode == certified || occupationCode.StartsWith(certified + "-", StringComparison.Ordinal));

    /// <summary>Another org operates the site, without a filing that allows it (三(一) 不得授权或委托其他机构).</summary>
    public static bool DelegatedSite(StaffingRow staffing, string orgCode) =>
        staffing.DelegationFilingNo is null && staffing.SiteOperatorOrgCode is { } operatorOrg && operatorOrg != orgCode;

    /// <summary>Exam staff employed by another evaluation organization, without a filing that allows it.</summary>
    public static IReadOnlyList<Served> ForeignExamStaff(StaffingRow staffing, string orgCode) =>
        staffing.DelegationFilingNo is not null ? []
            : [.. staffing.Staff.Where(s => s.Role == StaffRole.ExamStaff && s.EmployerOrgCode is { } employer && employer != orgCode)];

    int MinimumOf(ExamKind kind) => kind == ExamKind.Theory ? TheoryExaminersPerRoom : SkillExaminersPerRoom;

    int RatioOf(ExamKind kind) => kind == ExamKind.Theory ? TheoryCandidatesPerExaminer : SkillCandidatesPerExaminer;

    public string ExplainShortStaffed(ExamRoom room) => string.Create(CultureInfo.InvariantCulture,
        $"考场{room.RoomCode}（{KindName(room.Kind)}，{room.Candidates}名考生）配备{room.ExaminerIds.Count}名考评人员，"
        + $"至少需{Math.Max(MinimumOf(room.Kind), (room.Candidates + RatioOf(room.Kind) - 1) / RatioOf(room.Kind))}名"
        + $"（每考场不少于{MinimumOf(room.Kind)}名，考评人员与考生配比不低于1:{RatioOf(room.Kind)}）");

    public static string ExplainUnqualified(Served examiner, string occupationCode, int level) => examiner switch
    {
        { CertifiedOccupationCode: { } code, CertifiedLevel: { } certified } => string.Create(CultureInfo.InvariantCulture,
            $"考评人员{examiner.PersonId}的考评资质为{code}（{certified}级），不覆盖本计划{occupationCode}（{level}级）"),
        _ => $"考评人员{examiner.PersonId}无考评资质信息",
    };

    static string KindName(ExamKind kind) => kind == ExamKind.Theory ? "理论知识考试" : "技能操作考核";

    /// <summary>
    /// Whether an applicant's evidence meets what the notice asks of their group (二(三)), and if not, why (null when it does).
    /// </summary>
    public static string? EvidenceShortfall(ReviewedApplicant a) => a.Group switch
    {
        // 无法通过数据平台核验工作年限或申报资格存疑的，参评人员应提供…相应佐证材料
        CandidateGroup.Social when a.WorkHistoryVerified != true && a.SupportingDocuments != true => "社会人员工作年限未经核验且未提供佐证材料",
        // 无法通过数据平台核验院校在校生学籍信息的，应在一体化平台上传学籍相关材料
        CandidateGroup.Student when a.EnrolmentVerified != true && a.EnrolmentRecordUploaded != true => "在校学生学籍未经核验且未上传学籍材料",
        // 参加本企业社保缴纳并签订劳动合同（未缴纳社保的需提交劳动合同及在职在岗等其他佐证材料）
        CandidateGroup.Enterprise when a.LabourContract != true => "企业职工未签订劳动合同",
        CandidateGroup.Enterprise when a.SocialInsurance != true && a.AlternativeEvidence != true => "企业职工未缴纳社保且无在职在岗佐证材料",
        // 在派遣公司参加社保缴纳且实际在用工单位上岗3个月以上，并签订劳务派遣协议及劳动合同
        CandidateGroup.Dispatched when a.MonthsOnJob is not >= 3 => "劳务派遣人员在用工单位上岗不足3个月",
        CandidateGroup.Dispatched when a.SocialInsurance != true => "劳务派遣人员未在派遣公司缴纳社保",
        CandidateGroup.Dispatched when a.DispatchAgreement != true || a.LabourContract != true => "劳务派遣人员未签订劳务派遣协议及劳动合同",
        _ => null,
    };
}
