using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

public sealed record CertificateItem(
    string? CertificateNo, string? CandidateId, string? PlanId, string? OccupationCode, int? Level, DateTimeOffset? IssuedAt);

public sealed record CertificatesRequest(IReadOnlyList<CertificateItem?>? Certificates);

/// <summary>Certificates issued → one <see cref="CertificatesIssued"/> per <see cref="BulkContracts.MaxItems"/> of them, the 身份证号 hashed.</summary>
public sealed class CertificatesSubmission : Submission<CertificatesRequest>
{
    public override string Type => "certificates";
    public override string Path => "/api/v1/certificates";
    public override string EndpointName => "IssueCertificates";

    protected override void Validate(CertificatesRequest r, Check c)
    {
        if (!c.Items(r.Certificates, "certificates"))
            return;
        for (var i = 0; i < r.Certificates!.Count; i++)
        {
            if (r.Certificates[i] is not { } x)
                continue;
            var item = c.Item("certificates", i);
            item.Pattern(x.CertificateNo, "certificateNo", Formats.CertificateNo(),
                "S or Y and 21 digits: org (4), province 33, site (6), year (2), level (1), serial (6)");
            item.IdentityNumber(x.CandidateId, "candidateId");
            item.PlanId(x.PlanId, "planId");
            item.Pattern(x.OccupationCode, "occupationCode", Formats.OccupationCode(), "X-XX-XX-XX or X-XX-XX-XX-XX");
            item.Range(x.Level, "level", 1, 5);
            // The number's 16th digit repeats the level.
            if (x.Level is >= 1 and <= 5 && x.CertificateNo is { Length: 22 } no && !item.Errors.Has(item.Field("certificateNo"))
                && no[15] - '0' != x.Level)
                item.Fail("certificateNo", "a level digit equal to level");
            item.Time(x.IssuedAt, "issuedAt");
        }
        c.Unique(r.Certificates, "certificates", x => x.CertificateNo, "certificateNo");
    }

    protected override IReadOnlyList<Contract> Map(CertificatesRequest r, string planId, SubmissionContext context) =>
        [.. r.Certificates!.Chunk(BulkContracts.MaxItems).Select(chunk => new CertificatesIssued([.. chunk.Select(x => new IssuedCertificate(
            x!.CertificateNo!, context.Hasher.Hash(x.CandidateId!), x.PlanId!, x.OccupationCode!, x.Level!.Value, x.IssuedAt!.Value)
        {
            PreviousCandidateHashes = context.Hasher.PreviousHashes(x.CandidateId!),
        })])
        {
            SchemaVersion = CertificatesIssued.CurrentSchemaVersion,
        })];
}
