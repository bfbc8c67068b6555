using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Certificates;

/// <summary>Scoring's table of issued certificates, by hashed candidate (never the clear 身份证号).</summary>
public static class CertificateStore
{
    /// <summary>
    /// Stores a certificate. Two certificates of one person handled at once would each miss the other's
    /// uncommitted row: certificates of the same candidate take turns (a transaction-scoped advisory lock on the hash).
    /// </summary>
    public static async Task SaveAsync(MessagingTransaction tx, CertificateIssued certificate, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@CandidateHash, 0))",
            new { certificate.CandidateHash }, tx.Transaction, cancellationToken: ct));
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates (certificate_no, candidate_hash, plan_id, issued_at) VALUES (@CertificateNo, @CandidateHash, @PlanId, @IssuedAt)
            ON CONFLICT (certificate_no) DO NOTHING
            """, certificate, tx.Transaction, cancellationToken: ct));
    }

    /// <summary>The other plans in which the same candidate was certified within <paramref name="window"/> of this certificate.</summary>
    public static async Task<IReadOnlyList<string>> OtherPlansAsync(MessagingTransaction tx, CertificateIssued certificate, TimeSpan window,
        CancellationToken ct) =>
        (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            SELECT DISTINCT plan_id FROM certificates
            WHERE candidate_hash = @CandidateHash AND plan_id <> @PlanId AND issued_at BETWEEN @from AND @to
            """, new { certificate.CandidateHash, certificate.PlanId, from = certificate.IssuedAt - window, to = certificate.IssuedAt + window },
            tx.Transaction, cancellationToken: ct))).ToList();
}
