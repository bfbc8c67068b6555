namespace Monitoring.Scoring.Policies;

/// <summary>The ten core indicators of the notice (浙技评〔2023〕20号), by the codes scores and policies use.</summary>
public static class Indicators
{
    public static readonly IReadOnlyList<string> All =
    [
        "plan-announcement", "qualification-review", "exam-questions", "exam-staff", "quality-supervision",
        "result-management", "video", "public-disclosure", "satisfaction-survey", "early-warnings",
    ];
}
