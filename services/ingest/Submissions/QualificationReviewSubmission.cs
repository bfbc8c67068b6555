using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

/// <summary>One sampled applicant: group, the center's judgement, and the evidence its group needs (二(三)).</summary>
public sealed record ReviewedApplicantItem(
    string? Group, bool? Qualifying, bool? WorkHistoryVerified = null, bool? SupportingDocuments = null, bool? EnrolmentVerified = null,
    bool? EnrolmentRecordUploaded = null, bool? SocialInsurance = null, bool? LabourContract = null, bool? AlternativeEvidence = null,
    bool? DispatchAgreement = null, int? MonthsOnJob = null);

/// <summary><paramref name="Records"/>: optional, the sampled applicants one by one.</summary>
public sealed record QualificationReviewRequest(int? Sampled, int? NonQualifying, DateTimeOffset? ReviewedAt,
    IReadOnlyList<ReviewedApplicantItem?>? Records = null);

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
        if (r.Records is null || !c.Items(r.Records, "records"))
            return;

        for (var i = 0; i < r.Records.Count; i++)
        {
            if (r.Records[i] is { } applicant)
                ValidateApplicant(applicant, c.Item("records", i));
        }
        // The records are (part of) the sample: as many let through and turned down as the counts say, at most.
        if (r is { Sampled: { } sampled, NonQualifying: { } nonQualifying } && nonQualifying <= sampled)
        {
            if (r.Records.Count > sampled)
                c.Fail("records", $"at most the {sampled} applicants sampled");
            else if (r.Records.Count(a => a?.Qualifying == false) > nonQualifying)
                c.Fail("records", $"at most the {nonQualifying} non-qualifying applicants with qualifying false");
            else if (r.Records.Count(a => a?.Qualifying == true) > sampled - nonQualifying)
                c.Fail("records", $"at most the {sampled - nonQualifying} qualifying applicants with qualifying true");
        }
    }

    /// <summary>Each group has the evidence the notice asks of it, and no other.</summary>
    static void ValidateApplicant(ReviewedApplicantItem a, Check item)
    {
        item.OneOf(a.Group, "group", EnumText.Values<CandidateGroup>());
        item.Required(a.Qualifying, "qualifying");
        var needs = a.Group switch
        {
            "social" => (string[])["workHistoryVerified", "supportingDocuments"],
            "student" => ["enrolmentVerified", "enrolmentRecordUploaded"],
            "enterprise" => ["socialInsurance", "labourContract", "alternativeEvidence"],
            "dispatched" => ["socialInsurance", "labourContract", "dispatchAgreement", "monthsOnJob"],
            _ => null,
        };
        if (needs is null)
            return;
        var given = new (string Field, object? Value)[]
        {
            ("workHistoryVerified", a.WorkHistoryVerified), ("supportingDocuments", a.SupportingDocuments),
            ("enrolmentVerified", a.EnrolmentVerified), ("enrolmentRecordUploaded", a.EnrolmentRecordUploaded),
            ("socialInsurance", a.SocialInsurance), ("labourContract", a.LabourContract), ("alternativeEvidence", a.AlternativeEvidence),
            ("dispatchAgreement", a.DispatchAgreement), ("monthsOnJob", a.MonthsOnJob),
        };
        foreach (var (field, value) in given)
        {
            if (needs.Contains(field))
                item.Required(value, field);
            else if (value is not null)
                item.Fail(field, $"null for group {a.Group}");
        }
        if (a.MonthsOnJob is not null)
            item.Range(a.MonthsOnJob, "monthsOnJob", 0, 600);
    }

    protected override IReadOnlyList<Contract> Map(QualificationReviewRequest r, string planId, SubmissionContext context) =>
    [
        new QualificationReviewed(planId, r.Sampled!.Value, r.NonQualifying!.Value, r.ReviewedAt!.Value)
        {
            Records = [.. (r.Records ?? []).Select(a => new ReviewedApplicant(EnumText.Parse<CandidateGroup>(a!.Group!), a.Qualifying!.Value,
                a.WorkHistoryVerified, a.SupportingDocuments, a.EnrolmentVerified, a.EnrolmentRecordUploaded, a.SocialInsurance, a.LabourContract,
                a.AlternativeEvidence, a.DispatchAgreement, a.MonthsOnJob))],
            SchemaVersion = QualificationReviewed.CurrentSchemaVersion,
        },
    ];
}
