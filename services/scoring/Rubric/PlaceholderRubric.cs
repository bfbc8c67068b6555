using Monitoring.Contracts;

namespace Monitoring.Scoring.Rubric;

/// <summary>
/// A stand-in for the policy engine while the walking skeleton is all there is: the ten indicators at
/// their default weights, and only the deductions a filed plan alone can show (site and scope, and the
/// announcement lead time in calendar days). The scoring issue replaces it with versioned rule policies.
/// </summary>
public static class PlaceholderRubric
{
    public const string PolicyVersion = "placeholder-0";

    static readonly (string Indicator, decimal Weight)[] Indicators =
    [
        ("plan-announcement", 10), ("qualification-review", 15), ("exam-questions", 10), ("exam-staff", 10),
        ("quality-supervision", 10), ("result-management", 10), ("video", 15), ("public-disclosure", 5),
        ("satisfaction-survey", 5), ("early-warnings", 10),
    ];

    public static PlanScored Score(PlanFiled plan, DateTimeOffset now)
    {
        var indicators = Indicators
            .Select(i => Cap(i.Indicator, i.Weight, i.Indicator == "plan-announcement" ? PlanDeductions(plan) : []))
            .ToList();
        return new PlanScored(plan.PlanId, plan.OrgCode, plan.RegionCode, indicators.Sum(i => i.Score),
            ScoreStatus.Provisional, PolicyVersion, now, indicators);
    }

    static List<Deduction> PlanDeductions(PlanFiled plan)
    {
        var deductions = new List<Deduction>();
        if (plan.AnnouncedAt >= plan.ExamStart)
            deductions.Add(new("plan.not-announced", 10, "考前未发布认定计划公告", null));
        else if (plan.ExamStart - plan.AnnouncedAt < TimeSpan.FromDays(15))
            deductions.Add(new("plan.announced-late", 3, "认定计划公告发布时间不足", null));
        if (!plan.SiteRegistered)
            deductions.Add(new("plan.unregistered-site", 5, "考点未备案", null));
        if (!plan.WithinFiledScope)
            deductions.Add(new("plan.outside-scope", 10, "职业（工种）或等级超出备案范围", null));
        return deductions;
    }

    static IndicatorScore Cap(string indicator, decimal weight, List<Deduction> deductions) =>
        new(indicator, weight, Math.Max(0, weight - deductions.Sum(d => d.Points)), deductions);
}
