using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Certificates;

/// <summary>Scoring's table of issued certificates, by hashed candidate (never the clear 身份证号).</summary>
public static class CertificateStore
{
    /// <summary>
    /// Stores certificates, set-based. Two transactions handling certificates of one person at once would each miss
    /// the other's uncommitted row: certificates of the same candidate take turns (a transaction-scoped advisory
    /// lock on the hash, taken in key order so two batches never wait for each other in a circle).
    /// </summary>
    public static async Task SaveAsync(MessagingTransaction tx, IReadOnlyList<CertificateIssued> certificates, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(h, 0) AS k FROM unnest(@hashes) AS h ORDER BY k) AS keys
            """, new { hashes = certificates.Select(c => c.CandidateHash).ToArray() }, tx.Transaction, cancellationToken: ct));
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates (certificate_no, candidate_hash, plan_id, issued_at)
            SELECT * FROM unnest(@nos, @hashes, @plans, @issued)
            ON CONFLICT (certificate_no) DO NOTHING
            """, Columns(certificates), tx.Transaction, cancellationToken: ct));
    }

    /// <summary>
    /// For each certificate, the other plans in which the same candidate was certified within <paramref name="window"/>
    /// of it (certificates of the same batch included: they are stored by then).
    /// </summary>
    public static async Task<ILookup<string, string>> OtherPlansAsync(MessagingTransaction tx, IReadOnlyList<CertificateIssued> certificates,
        TimeSpan window, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<(string CertificateNo, string PlanId)>(new CommandDefinition("""
            SELECT DISTINCT c.no, o.plan_id
            FROM unnest(@nos, @hashes, @plans, @issued) AS c(no, hash, plan_id, issued_at)
            JOIN certificates o ON o.candidate_hash = c.hash AND o.plan_id <> c.plan_id
                AND o.issued_at BETWEEN c.issued_at - @window AND c.issued_at + @window
            ORDER BY 1, 2
            """, new DynamicParameters(Columns(certificates)).With("window", window), tx.Transaction, cancellationToken: ct)))
        .ToLookup(p => p.CertificateNo, p => p.PlanId, StringComparer.Ordinal);

    static object Columns(IReadOnlyList<CertificateIssued> certificates) => new
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
