using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

public sealed record PapersRequest(string? Bank, int? ReusedItems, bool? TheoryOnComputer, bool? PaperExamApproved);

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
    }

    protected override IReadOnlyList<Contract> Map(PapersRequest r, string planId, SubmissionContext context) =>
        [new PaperUsed(planId, EnumText.Parse<PaperBank>(r.Bank!), r.ReusedItems!.Value, r.TheoryOnComputer!.Value, r.PaperExamApproved!.Value)];
}
