using System.Globalization;
using Monitoring.Contracts;

namespace Monitoring.Scoring.Tests;

/// <summary>Contract messages of one plan, as ingest publishes them.</summary>
static class Facts
{
    public static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>How many rules the shipped default policy has.</summary>
    public static int DefaultPolicyRuleCount => Monitoring.Scoring.Policies.DefaultPolicy.Document().Indicators.Sum(i => i.Rules.Count);

    public static PlanFiled Plan(string planId, string region = "330106", DateTimeOffset? examStart = null, bool siteRegistered = true)
    {
        var start = examStart ?? T("2026-11-02T09:00:00+08:00");
        return new PlanFiled(planId, "S3301060001", "杭州市西湖区某职业技能培训学校", OrgKind.Social, region, "4-03-02-01", "中式烹调师", 4, 40,
            start, start.AddHours(8), "KD330106001", siteRegistered, true, start.AddDays(-40));
    }

    public static ResultRecorded Result(string planId, int candidate, decimal theory = 75, bool edited = false, string recordedAt = "2026-11-03T10:00:00+08:00") =>
        new(planId, $"hash-{candidate:D5}", theory, 80, theory >= 60, T(recordedAt), edited);
}
