using System.Globalization;

namespace Monitoring.Console.Display;

/// <summary>The services' codes in the words a center clerk uses. An unknown code is shown as it is rather than hidden.</summary>
public static class Text
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static string Level(string level) => level switch { "red" => "红色", "orange" => "橙色", "yellow" => "黄色", _ => level };

    public static int LevelRank(string level) => level switch { "red" => 0, "orange" => 1, "yellow" => 2, _ => 3 };

    public static string WarningStatus(string status) => status switch { "open" => "待处理", "acknowledged" => "已确认收到", "resolved" => "已解决", _ => status };

    public static string WarningStep(string action) => action switch
    {
        "raised" => "发出预警", "repeated" => "再次触发", "escalated" => "升级", "acknowledged" => "确认收到", "resolved" => "解决", _ => action,
    };

    public static string WarningKind(string kind) => kind switch
    {
        "unregistered-site" => "考点未备案",
        "outside-filed-scope" => "超出备案职业（工种）或等级",
        "examiner-outside-pool" => "考评员非库内人员",
        "unjustified-emergency-draw" => "无正当理由内部应急抽取考评员",
        "trainer-examiner" => "培训与考评未分离",
        "result-anomaly" => "成绩分布异常",
        "video-coverage" => "视频覆盖不全",
        "one-person-several-certificates" => "一人短期内多证",
        "plan-termination-recommended" => "资格审核不合格达1/3，建议终止或退回计划",
        "outside-region-unapproved" => "备案地区以外开展评价未经审核同意",
        "site-registration-mismatch" => "考点备案标记与备案库不一致",
        "examiner-draw-not-random" => "考评员抽取疑似非随机",
        "unfounded-pool-shortage" => "以考评员库不足为由内部抽取但库内人员充足",
        "score-below-60" => "评分低于60分",
        "fraud" => "弄虚作假",
        "question-leak" => "泄露试题",
        _ => kind,
    };

    public static string Indicator(string indicator) => indicator switch
    {
        "plan-announcement" => "计划公告发布与执行",
        "qualification-review" => "资格审核",
        "exam-questions" => "试题应用",
        "exam-staff" => "考务人员",
        "quality-supervision" => "质量督导",
        "result-management" => "成绩管理",
        "video" => "视频管理",
        "public-disclosure" => "信息公示",
        "satisfaction-survey" => "考生满意度调查",
        "early-warnings" => "预警提示",
        _ => indicator,
    };

    public static string ScoreStatus(string status) => status switch { "final" => "最终评分（计划已结束）", "provisional" => "暂定评分（计划进行中）", _ => status };

    public static string TaskStatus(string status) => status switch
    {
        "open" => "整改中", "submitted" => "已提交待审核", "passed" => "审核通过", "overdue" => "逾期未整改", "failed" => "整改不到位", "refused" => "拒不整改", _ => status,
    };

    public static string Outcome(string outcome) => outcome switch { "passed" => "整改通过", "failed" => "整改不到位", "refused" => "拒不整改", _ => outcome };

    public static string TerminationStatus(string status, string? outcome = null) => (status, outcome) switch
    {
        ("pending", _) => "待决定",
        ("confirmed", "returned") => "已退回",
        ("confirmed", _) => "已确认终止",
        ("rejected", _) => "已驳回",
        _ => status,
    };

    public static string NoticeKind(string kind) => kind switch
    {
        "rectification" => "整改通知", "suspension" => "暂停评价活动通知", "revocation" => "取消评价资格通知", "plan-termination" => "认定计划终止通知",
        "plan-return" => "认定计划退回通知", _ => kind,
    };

    public static string OrgStatus(string status) => status switch { "active" => "正常", "suspended" => "已暂停评价活动", "revoked" => "已取消评价资格", _ => status };

    public static string Role(string role) => role switch { "center" => "评价中心", "operator" => "省级运维", "platform" => "一体化平台", _ => role };

    /// <summary>A moment as the platform counts it: Asia/Shanghai, to the minute.</summary>
    public static string Time(DateTimeOffset time) => time.ToOffset(Shanghai).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "—";

    /// <summary>A deadline that ends at midnight, as the last day it includes ("by 2026-02-03").</summary>
    public static string Deadline(DateTimeOffset end) => end.ToOffset(Shanghai).AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An ISO form for the &lt;time&gt; element.</summary>
    public static string Iso(DateTimeOffset time) => time.ToOffset(Shanghai).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        if (age < TimeSpan.FromHours(1))
            return "不到1小时";
        return age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours}小时" : $"{(int)age.TotalDays}天";
    }

    public static string Points(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>The services by the names a clerk knows them.</summary>
public static class Services
{
    public static string Name(string service) => service switch
    {
        "ingest" => "数据接入服务", "scoring" => "评分服务", "alerts" => "预警服务", "notice" => "书面通知服务", _ => service,
    };
}
