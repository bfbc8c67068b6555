namespace Monitoring.Ingest.Submissions;

/// <summary>Every kind the upstream platform sends, in API.md's order.</summary>
public static class SubmissionCatalog
{
    public static readonly IReadOnlyList<Submission> All =
    [
        new PlanSubmission(),
        new ExecutionSubmission(),
        new QualificationReviewSubmission(),
        new ExaminersSubmission(),
        new PapersSubmission(),
        new StaffingSubmission(),
        new SupervisionSubmission(),
        new ResultsSubmission(),
        new VideosSubmission(),
        new DisclosuresSubmission(),
        new SurveysSubmission(),
        new CloseSubmission(),
        new CertificatesSubmission(),
        new ApplicationSubmission(),
        new SiteSubmission(),
    ];

    public static readonly IReadOnlyDictionary<string, Submission> ByType = All.ToDictionary(s => s.Type, StringComparer.Ordinal);
}
