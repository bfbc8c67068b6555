namespace Monitoring.EndToEnd.Tests;

/// <summary>Plans as the upstream platform files them (the body of <c>POST /api/v1/plans</c>).</summary>
static class Plans
{
    public static object Filed(string planId, bool siteRegistered = true, bool withinFiledScope = true, string regionCode = "330106") => new
    {
        planId,
        orgCode = "S3301060001",
        orgName = "杭州市西湖区某职业技能培训学校",
        orgKind = "social",
        regionCode,
        occupationCode = "4-03-02-01",
        occupationName = "中式烹调师",
        level = 4,
        candidateCount = 40,
        examStart = "2026-12-12T09:00:00+08:00",
        examEnd = "2026-12-12T17:00:00+08:00",
        siteCode = "KD330106001",
        siteRegistered,
        withinFiledScope,
        announcedAt = "2026-11-10T10:00:00+08:00",
    };
}
