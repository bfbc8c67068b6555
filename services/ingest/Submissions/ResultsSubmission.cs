using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

public sealed record ResultItem(
    string? CandidateId, decimal? TheoryScore, decimal? SkillScore, bool? Passed, DateTimeOffset? RecordedAt, bool? EditedAfterLock);

public sealed record ResultsRequest(IReadOnlyList<ResultItem?>? Results);

/// <summary>
/// Candidates' results → one <see cref="ResultsRecorded"/> per <see cref="BulkContracts.MaxItems"/> of them, each 身份证号
/// replaced by its keyed hash.
/// </summary>
public sealed class ResultsSubmission : Submission<ResultsRequest>
{
    public override string Type => "results";
    public override string Path => "/api/v1/plans/{planId}/results";
    public override string EndpointName => "RecordResults";

    protected override void Validate(ResultsRequest r, Check c)
    {
        if (!c.Items(r.Results, "results"))
            return;
        for (var i = 0; i < r.Results!.Count; i++)
        {
            if (r.Results[i] is not { } result)
                continue;
            var item = c.Item("results", i);
            item.IdentityNumber(result.CandidateId, "candidateId");
            item.Range(result.TheoryScore, "theoryScore", 0, 100);
            item.Range(result.SkillScore, "skillScore", 0, 100);
            item.Required(result.Passed, "passed");
            item.Time(result.RecordedAt, "recordedAt");
            item.Required(result.EditedAfterLock, "editedAfterLock");
        }
        c.Unique(r.Results, "results", result => result.CandidateId, "candidateId");
    }

    protected override IReadOnlyList<Contract> Map(ResultsRequest r, string planId, SubmissionContext context) =>
        [.. r.Results!.Chunk(BulkContracts.MaxItems).Select(chunk => new ResultsRecorded(planId, [.. chunk.Select(x => new CandidateResult(
            context.Hasher.Hash(x!.CandidateId!), x.TheoryScore!.Value, x.SkillScore!.Value, x.Passed!.Value, x.RecordedAt!.Value, x.EditedAfterLock!.Value))]))];
}
