using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

public sealed record ExaminerItem(string? ExaminerId, string? Source, string? Reason, bool? TrainedTheseCandidates);

public sealed record ExaminersRequest(IReadOnlyList<ExaminerItem?>? Examiners);

/// <summary>The examiners drawn for a plan → one <see cref="ExaminersDispatched"/>.</summary>
public sealed class ExaminersSubmission : Submission<ExaminersRequest>
{
    public override string Type => "examiners";
    public override string Path => "/api/v1/plans/{planId}/examiners";
    public override string EndpointName => "DispatchExaminers";

    protected override void Validate(ExaminersRequest r, Check c)
    {
        if (!c.Items(r.Examiners, "examiners"))
            return;
        for (var i = 0; i < r.Examiners!.Count; i++)
        {
            if (r.Examiners[i] is not { } e)
                continue;
            var item = c.Item("examiners", i);
            item.Text(e.ExaminerId, "examinerId", 64);
            item.OneOf(e.Source, "source", EnumText.Values<ExaminerSource>());
            // The reason justifies an emergency internal draw; any other draw has none.
            if (e.Reason is not null)
            {
                item.OneOf(e.Reason, "reason", EnumText.Values<EmergencyDrawReason>());
                if (e.Source is not null && e.Source != "internal-emergency")
                    item.Fail("reason", "null unless source is internal-emergency");
            }
            item.Required(e.TrainedTheseCandidates, "trainedTheseCandidates");
        }
        c.Unique(r.Examiners, "examiners", e => e.ExaminerId, "examinerId");
    }

    protected override IReadOnlyList<Contract> Map(ExaminersRequest r, string planId, SubmissionContext context) =>
    [
        new ExaminersDispatched(planId, r.Examiners!.Select(e => new DispatchedExaminer(
            e!.ExaminerId!, EnumText.Parse<ExaminerSource>(e.Source!),
            e.Reason is null ? null : EnumText.Parse<EmergencyDrawReason>(e.Reason), e.TrainedTheseCandidates!.Value)).ToList()),
    ];
}
