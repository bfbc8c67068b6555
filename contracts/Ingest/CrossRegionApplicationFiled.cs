namespace Monitoring.Contracts;

/// <summary>
/// 浙江省职业技能等级认定申请表: an evaluation organization asks to evaluate outside the region it is registered in
/// (省属评价机构在备案地区以外开展评价活动的，需填报《浙江省职业技能等级认定申请表》…经评价活动所在地技能评价（鉴定）中心审核同意后开展,
/// 浙技评〔2023〕20号 一(二)). The site's local center assesses it, then the municipal center approves it and assigns
/// supervision (alerts: <see cref="CrossRegionApplicationDecided"/>).
/// </summary>
public sealed record CrossRegionApplicationFiled(
    string ApplicationId,
    string OrgCode,
    string OrgName,
    string OrgRegionCode,
    string ContactName,
    string ContactPhone,
    string SiteName,
    string SiteAddress,
    string SiteRegionCode,
    IReadOnlyList<ApplicationLine> Lines,
    DateTimeOffset AppliedAt) : Contract;

/// <summary>One line of the application's table: occupation and 工种, target group, level, headcount and date.</summary>
public sealed record ApplicationLine(
    string OccupationCode,
    string OccupationName,
    string TargetGroup,
    int Level,
    int Headcount,
    DateOnly ExamDate);
