namespace Monitoring.Contracts;

/// <summary>
/// An exam site filed for an organization (考点备案): new, or changed (another name or address under the same code).
/// 评价机构原则上应在已备案的考点开展评价活动，确因需要在本地区新增或变更考点的，须经隶属技能评价（鉴定）中心审核确认
/// (浙技评〔2023〕20号 一(二)): the org's center confirms it (alerts: <see cref="ExamSiteDecided"/>).
/// </summary>
public sealed record ExamSiteFiled(
    string SiteCode,
    string OrgCode,
    string OrgRegionCode,
    string SiteName,
    string SiteAddress,
    string RegionCode,
    DateTimeOffset FiledAt) : Contract;
