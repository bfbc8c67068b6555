using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

public sealed record ExaminerItem(string? ExaminerId, string? Source, string? Reason, bool? TrainedTheseCandidates);

/// <summary><paramref name="PoolSize"/>: optional, how many examiners the pool held for the occupation and level when the platform drew.</summary>
public sealed record ExaminersRequest(IReadOnlyList<ExaminerItem?>? Examiners, int? PoolSize = null);

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

        // Optional: older senders do not know it. The examiners drawn from the pool were in it, so it held at least them.
        if (r.PoolSize is not null)
        {
            c.Range(r.PoolSize, "poolSize", 1, 100_000);
            var drawn = r.Examiners.Count(e => e?.Source == "pool");
            if (r.PoolSize is >= 1 and <= 100_000 && r.PoolSize < drawn)
                c.Fail("poolSize", $"at least the {drawn} examiners drawn from the pool");
        }
    }

    protected override IReadOnlyList<Contract> Map(ExaminersRequest r, string planId, SubmissionContext context) =>
    [
        new ExaminersDispatched(planId, r.Examiners!.Select(e => new DispatchedExaminer(
            e!.ExaminerId!, EnumText.Parse<ExaminerSource>(e.Source!),
            e.Reason is null ? null : EnumText.Parse<EmergencyDrawReason>(e.Reason), e.TrainedTheseCandidates!.Value)).ToList())
        {
            PoolSize = r.PoolSize,
            SchemaVersion = ExaminersDispatched.CurrentSchemaVersion,
        },
    ];
}
