using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

public sealed record FindingItem(string? FindingId, bool? Closed);

public sealed record SupervisionRequest(string? SupervisorId, IReadOnlyList<FindingItem?>? Findings);

/// <summary>The quality supervision report; a null supervisor means none came → <see cref="SupervisionReported"/>.</summary>
public sealed class SupervisionSubmission : Submission<SupervisionRequest>
{
    public override string Type => "supervision";
    public override string Path => "/api/v1/plans/{planId}/supervision";
    public override string EndpointName => "ReportSupervision";

    protected override void Validate(SupervisionRequest r, Check c)
    {
        if (r.SupervisorId is not null)
            c.Text(r.SupervisorId, "supervisorId", 64);
        if (!c.Required(r.Findings, "findings"))
            return;
        if (r.SupervisorId is null && r.Findings!.Count > 0)
            c.Fail("findings", "empty when no supervisor came");
        for (var i = 0; i < r.Findings!.Count; i++)
        {
            var item = c.Item("findings", i);
            if (r.Findings[i] is not { } f)
            {
                item.Errors.Add(c.Field($"findings[{i}]"), "an object");
                continue;
            }
            item.Text(f.FindingId, "findingId", 64);
            item.Required(f.Closed, "closed");
        }
        c.Unique(r.Findings, "findings", f => f.FindingId, "findingId");
    }

    protected override IReadOnlyList<Contract> Map(SupervisionRequest r, string planId, SubmissionContext context) =>
        [new SupervisionReported(planId, r.SupervisorId, r.Findings!.Select(f => new SupervisionFinding(f!.FindingId!, f.Closed!.Value)).ToList())];
}
