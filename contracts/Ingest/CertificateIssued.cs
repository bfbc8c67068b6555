namespace Monitoring.Contracts;

/// <summary>A vocational skill level certificate issued to a candidate (hashed id).</summary>
/// <remarks>Superseded by <see cref="CertificatesIssued"/>, which ingest sends instead: scoring still reads this one so that messages of an
/// ingest replica not yet upgraded are not lost; remove it once no such replica runs.</remarks>
public sealed record CertificateIssued(
    string CertificateNo,
    string CandidateHash,
    string PlanId,
    string OccupationCode,
    int Level,
    DateTimeOffset IssuedAt) : Contract
{
    /// <summary>The candidate's hashes under the keys being retired (see <see cref="IssuedCertificate.PreviousCandidateHashes"/>).</summary>
    public IReadOnlyList<string> PreviousCandidateHashes { get; init; } = [];
}
