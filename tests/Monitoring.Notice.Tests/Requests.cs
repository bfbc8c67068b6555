using System.Globalization;
using Monitoring.Contracts;

namespace Monitoring.Notice.Tests;

/// <summary>Notice requests as alerts sends them.</summary>
static class Requests
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-31T10:00:00+08:00", CultureInfo.InvariantCulture);

    public static IssueNotice Rectification(string region = "330106", Guid? id = null) => new(
        id ?? Guid.NewGuid(), NoticeKind.Rectification, "S0001", "杭州市西湖区某职业技能培训学校", region, "P-2026-0001", 52.5m,
        [new Deduction("video.coverage", 10, "考试视频未全程覆盖全部考场和考生", "浙技评〔2023〕20号"),
         new Deduction("staff.outside-pool", 5, "考评员未从考评员库中随机抽取", "浙技评〔2023〕20号")],
        "认定计划系统评分52.5分，低于60分，限期一个月整改", DateTimeOffset.Parse("2026-03-01T00:00:00+08:00", CultureInfo.InvariantCulture), Now);

    public static IssueNotice Suspension(string region = "330106") => new(Guid.NewGuid(), NoticeKind.Suspension, "S0001", "杭州市西湖区某职业技能培训学校",
        region, "P-2026-0001", null, [], "拒不整改（认定计划P-2026-0001），暂停评价活动", null, Now);

    public static IssueNotice Revocation(string region = "330106") => new(Guid.NewGuid(), NoticeKind.Revocation, "S0001", null,
        region, "P-2026-0002", null, [], "12个月内第二次暂停评价活动，取消评价资质并移出目录清单", null, Now);

    public static IssueNotice Termination(string region = "330106") => new(Guid.NewGuid(), NoticeKind.PlanTermination, "S0001", "杭州市西湖区某职业技能培训学校",
        region, "P-2026-0003", null, [], "资格审核抽查9人中3人不符合报名条件，达到抽查总数1/3", null, Now);
}
