using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

public sealed record QualificationReviewRequest(int? Sampled, int? NonQualifying, DateTimeOffset? ReviewedAt);

/// <summary>The center's re-check of a sample of applicants → <see cref="QualificationReviewed"/>.</summary>
public sealed class QualificationReviewSubmission : Submission<QualificationReviewRequest>
{
    public override string Type => "qualification-review";
    public override string Path => "/api/v1/plans/{planId}/qualification-review";
    public override string EndpointName => "ReportQualificationReview";

    protected override void Validate(QualificationReviewRequest r, Check c)
    {
        c.Range(r.Sampled, "sampled", 1, 10_000);
        c.Range(r.NonQualifying, "nonQualifying", 0, 10_000);
        if (r.Sampled is not null && r.NonQualifying > r.Sampled)
            c.Fail("nonQualifying", "at most sampled");
        c.Time(r.ReviewedAt, "reviewedAt");
    }

    protected override IReadOnlyList<Contract> Map(QualificationReviewRequest r, string planId, SubmissionContext context) =>
        [new QualificationReviewed(planId, r.Sampled!.Value, r.NonQualifying!.Value, r.ReviewedAt!.Value)];
}
