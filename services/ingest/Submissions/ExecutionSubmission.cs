using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

public sealed record ExecutionRequest(DateTimeOffset? ActualStart, DateTimeOffset? ActualEnd, string? SiteCode, int? CandidatesPresent);

/// <summary>How the plan was actually held → <see cref="PlanExecutionReported"/>.</summary>
public sealed class ExecutionSubmission : Submission<ExecutionRequest>
{
    public override string Type => "execution";
    public override string Path => "/api/v1/plans/{planId}/execution";
    public override string EndpointName => "ReportExecution";

    protected override void Validate(ExecutionRequest r, Check c)
    {
        c.Time(r.ActualStart, "actualStart");
        c.After(r.ActualEnd, "actualEnd", r.ActualStart, "actualStart");
        c.Text(r.SiteCode, "siteCode", 32);
        c.Range(r.CandidatesPresent, "candidatesPresent", 0, 10_000);
    }

    protected override IReadOnlyList<Contract> Map(ExecutionRequest r, string planId, SubmissionContext context) =>
        [new PlanExecutionReported(planId, r.ActualStart!.Value, r.ActualEnd!.Value, r.SiteCode!, r.CandidatesPresent!.Value)];
}
