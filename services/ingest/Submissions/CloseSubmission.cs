using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

public sealed record CloseRequest(DateTimeOffset? ClosedAt);

/// <summary>The plan is over and its score becomes final → <see cref="PlanClosed"/>.</summary>
public sealed class CloseSubmission : Submission<CloseRequest>
{
    public override string Type => "close";
    public override string Path => "/api/v1/plans/{planId}/close";
    public override string EndpointName => "ClosePlan";

    protected override void Validate(CloseRequest r, Check c) => c.Time(r.ClosedAt, "closedAt");

    protected override IReadOnlyList<Contract> Map(CloseRequest r, string planId, SubmissionContext context) =>
        [new PlanClosed(planId, r.ClosedAt!.Value)];
}
