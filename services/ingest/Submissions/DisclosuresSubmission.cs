using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

public sealed record DisclosureRequest(string? Kind, DateTimeOffset? PublishedAt, DateTimeOffset? Until);

/// <summary>A public disclosure and its period → <see cref="DisclosurePublished"/>.</summary>
public sealed class DisclosuresSubmission : Submission<DisclosureRequest>
{
    public override string Type => "disclosures";
    public override string Path => "/api/v1/plans/{planId}/disclosures";
    public override string EndpointName => "PublishDisclosure";

    protected override void Validate(DisclosureRequest r, Check c)
    {
        c.OneOf(r.Kind, "kind", EnumText.Values<DisclosureKind>());
        c.Time(r.PublishedAt, "publishedAt");
        c.After(r.Until, "until", r.PublishedAt, "publishedAt");
    }

    protected override IReadOnlyList<Contract> Map(DisclosureRequest r, string planId, SubmissionContext context) =>
        [new DisclosurePublished(planId, EnumText.Parse<DisclosureKind>(r.Kind!), r.PublishedAt!.Value, r.Until)];
}
