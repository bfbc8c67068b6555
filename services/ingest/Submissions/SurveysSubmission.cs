using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

public sealed record SurveyItem(string? CandidateId, int? Satisfaction, bool? Complaint);

public sealed record SurveysRequest(IReadOnlyList<SurveyItem?>? Responses);

/// <summary>Satisfaction survey answers → one <see cref="SurveysResponded"/> per <see cref="BulkContracts.MaxItems"/> of them, the 身份证号 hashed.</summary>
public sealed class SurveysSubmission : Submission<SurveysRequest>
{
    public override string Type => "surveys";
    public override string Path => "/api/v1/plans/{planId}/surveys";
    public override string EndpointName => "RecordSurveys";

    protected override void Validate(SurveysRequest r, Check c)
    {
        if (!c.Items(r.Responses, "responses"))
            return;
        for (var i = 0; i < r.Responses!.Count; i++)
        {
            if (r.Responses[i] is not { } response)
                continue;
            var item = c.Item("responses", i);
            item.IdentityNumber(response.CandidateId, "candidateId");
            item.Range(response.Satisfaction, "satisfaction", 1, 5);
            item.Required(response.Complaint, "complaint");
        }
        c.Unique(r.Responses, "responses", response => response.CandidateId, "candidateId");
    }

    protected override IReadOnlyList<Contract> Map(SurveysRequest r, string planId, SubmissionContext context) =>
        [.. r.Responses!.Chunk(BulkContracts.MaxItems).Select(chunk => new SurveysResponded(planId,
            [.. chunk.Select(x => new SurveyAnswer(context.Hasher.Hash(x!.CandidateId!), x.Satisfaction!.Value, x.Complaint!.Value))]))];
}
