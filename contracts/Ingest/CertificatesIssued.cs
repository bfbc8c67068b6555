namespace Monitoring.Contracts;

/// <summary>The certificates of one submission, of any plans (replaces one <see cref="CertificateIssued"/> a certificate).</summary>
public sealed record CertificatesIssued(IReadOnlyList<IssuedCertificate> Certificates) : Contract
{
    /// <summary>Version 2 added <see cref="IssuedCertificate.PreviousCandidateHashes"/>.</summary>
    public const int CurrentSchemaVersion = 2;
}

/// <summary>A vocational skill level certificate issued to a candidate (hashed id).</summary>
public sealed record IssuedCertificate(
    string CertificateNo,
    string CandidateHash,
    string PlanId,
    string OccupationCode,
    int Level,
    DateTimeOffset IssuedAt)
{
    /// <summary>
    /// The candidate's hashes under the keys being retired while ingest's hash key is rotated (schema version 2; empty
    /// otherwise and on older messages): certificates hashed before the rotation are matched through them.
    /// </summary>
    public IReadOnlyList<string> PreviousCandidateHashes { get; init; } = [];
}
