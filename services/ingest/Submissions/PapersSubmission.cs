using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

/// <summary>
/// <paramref name="ExpertReviewed"/> and <paramref name="FiledAt"/>: optional, for a self-built paper, whether it passed
/// expert review and when it was filed with the provincial or municipal center.
/// </summary>
public sealed record PapersRequest(string? Bank, int? ReusedItems, bool? TheoryOnComputer, bool? PaperExamApproved, bool? ExpertReviewed = null,
    DateTimeOffset? FiledAt = null);

/// <summary>The paper a plan used and how the theory exam was taken → <see cref="PaperUsed"/>.</summary>
public sealed class PapersSubmission : Submission<PapersRequest>
{
    public override string Type => "papers";
    public override string Path => "/api/v1/plans/{planId}/papers";
    public override string EndpointName => "ReportPaper";

    protected override void Validate(PapersRequest r, Check c)
    {
        c.OneOf(r.Bank, "bank", EnumText.Values<PaperBank>());
        c.Range(r.ReusedItems, "reusedItems", 0, 10_000);
        c.Required(r.TheoryOnComputer, "theoryOnComputer");
        c.Required(r.PaperExamApproved, "paperExamApproved");
        // Expert review and filing concern self-built papers (自主命题) only; a bank's paper has neither.
        if (r.Bank is not null && r.Bank != "self-built")
        {
            if (r.ExpertReviewed is not null)
                c.Fail("expertReviewed", "null unless bank is self-built");
            if (r.FiledAt is not null)
                c.Fail("filedAt", "null unless bank is self-built");
        }
        else if (r.FiledAt is not null)
        {
            c.Time(r.FiledAt, "filedAt");
            if (r.ExpertReviewed is null)
                c.Fail("expertReviewed", "true or false when filedAt is given");
        }
    }

    protected override IReadOnlyList<Contract> Map(PapersRequest r, string planId, SubmissionContext context) =>
    [
        new PaperUsed(planId, EnumText.Parse<PaperBank>(r.Bank!), r.ReusedItems!.Value, r.TheoryOnComputer!.Value, r.PaperExamApproved!.Value)
        {
            ExpertReviewed = r.ExpertReviewed,
            FiledAt = r.FiledAt,
            SchemaVersion = PaperUsed.CurrentSchemaVersion,
        },
    ];
}
