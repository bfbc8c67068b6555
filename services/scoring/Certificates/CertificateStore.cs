using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Certificates;

/// <summary>Scoring's table of issued certificates, by hashed candidate (never the clear 身份证号).</summary>
public static class CertificateStore
{
    /// <summary>
    /// Stores certificates, set-based, once their candidates are locked (<see cref="LockCandidatesAsync"/>).
    /// </summary>
    public static async Task SaveAsync(MessagingTransaction tx, IReadOnlyList<CertificateIssued> certificates, CancellationToken ct)
    {
        await LockCandidatesAsync(tx, [.. certificates.Select(c => c.CandidateHash)], ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates (certificate_no, candidate_hash, plan_id, issued_at)
            SELECT * FROM unnest(@nos, @hashes, @plans, @issued)
            ON CONFLICT (certificate_no) DO NOTHING
            """, Columns([.. certificates.Select(HeldCertificate.Of)]), tx.Transaction, cancellationToken: ct));
    }

    /// <summary>
    /// Makes transactions about the same candidates take turns: two of them at once (certificates of one person in two
    /// batches, or certificates and the filing of their plan) would each miss what the other has not committed yet.
    /// A transaction-scoped advisory lock on each hash, taken in key order so two never wait for each other in a circle.
    /// </summary>
    public static Task LockCandidatesAsync(MessagingTransaction tx, IReadOnlyList<string> hashes, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(h, 0) AS k FROM unnest(@hashes) AS h ORDER BY k) AS keys
            """, new { hashes = hashes.ToArray() }, tx.Transaction, cancellationToken: ct));

    /// <summary>The certificates stored for <paramref name="planIds"/>.</summary>
    public static async Task<IReadOnlyList<HeldCertificate>> OfPlansAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<HeldCertificate>(new CommandDefinition("""
            SELECT certificate_no AS CertificateNo, candidate_hash AS CandidateHash, plan_id AS PlanId, issued_at AS IssuedAt
            FROM certificates WHERE plan_id = ANY(@planIds) ORDER BY certificate_no
            """, new { planIds = planIds.ToArray() }, tx.Transaction, cancellationToken: ct))).ToList();

    /// <summary>
    /// For each certificate, the other plans in which the same candidate was certified within <paramref name="window"/>
    /// of it (certificates of the same batch included: they are stored by then).
    /// </summary>
    public static async Task<ILookup<string, string>> OtherPlansAsync(MessagingTransaction tx, IReadOnlyList<HeldCertificate> certificates,
        TimeSpan window, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<(string CertificateNo, string PlanId)>(new CommandDefinition("""
            SELECT DISTINCT c.no, o.plan_id
            FROM unnest(@nos, @hashes, @plans, @issued) AS c(no, hash, plan_id, issued_at)
            JOIN certificates o ON o.candidate_hash = c.hash AND o.plan_id <> c.plan_id
                AND o.issued_at BETWEEN c.issued_at - @window AND c.issued_at + @window
            ORDER BY 1, 2
            """, new DynamicParameters(Columns(certificates)).With("window", window), tx.Transaction, cancellationToken: ct)))
        .ToLookup(p => p.CertificateNo, p => p.PlanId, StringComparer.Ordinal);

    static object Columns(IReadOnlyList<HeldCertificate> certificates) => new
    {
        nos = certificates.Select(c => c.CertificateNo).ToArray(),
        hashes = certificates.Select(c => c.CandidateHash).ToArray(),
        plans = certificates.Select(c => c.PlanId).ToArray(),
        issued = certificates.Select(c => c.IssuedAt.UtcDateTime).ToArray(),
    };

    static DynamicParameters With(this DynamicParameters parameters, string name, object value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}

/// <summary>What scoring keeps of a certificate: enough to tell one person certified in several plans.</summary>
public sealed record HeldCertificate(string CertificateNo, string CandidateHash, string PlanId, DateTimeOffset IssuedAt)
{
    public static HeldCertificate Of(CertificateIssued certificate) =>
        new(certificate.CertificateNo, certificate.CandidateHash, certificate.PlanId, certificate.IssuedAt);
}
