namespace Monitoring.Contracts;

/// <summary>A vocational skill level certificate issued to a candidate (hashed id).</summary>
public sealed record CertificateIssued(
    string CertificateNo,
    string CandidateHash,
    string PlanId,
    string OccupationCode,
    int Level,
    DateTimeOffset IssuedAt) : Contract;
