namespace Monitoring.Contracts;

/// <summary>The certificates of one submission, of any plans (replaces one <see cref="CertificateIssued"/> a certificate).</summary>
public sealed record CertificatesIssued(IReadOnlyList<IssuedCertificate> Certificates) : Contract;

/// <summary>A vocational skill level certificate issued to a candidate (hashed id).</summary>
public sealed record IssuedCertificate(
    string CertificateNo,
    string CandidateHash,
    string PlanId,
    string OccupationCode,
    int Level,
    DateTimeOffset IssuedAt);
