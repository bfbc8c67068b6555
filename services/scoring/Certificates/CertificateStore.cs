using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Certificates;

/// <summary>
/// Scoring's table of issued certificates, by hashed candidate (never the clear 身份证号). A certificate's candidate may be
/// known by several hashes while ingest's hash key is rotated (<c>certificate_hashes</c>); two certificates are the
/// same person's when they share one.
/// </summary>
public static class CertificateStore
{
    /// <summary>
    /// Stores certificates, set-based, once their candidates are locked (<see cref="LockCandidatesAsync"/>).
    /// </summary>
    public static async Task SaveAsync(MessagingTransaction tx, IReadOnlyList<HeldCertificate> certificates, CancellationToken ct)
    {
        await LockCandidatesAsync(tx, [.. certificates.SelectMany(c => c.Hashes)], ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates (certificate_no, candidate_hash, plan_id, issued_at)
            SELECT * FROM unnest(@nos, @hashes, @plans, @issued)
            ON CONFLICT (certificate_no) DO NOTHING;
            INSERT INTO certificate_hashes (candidate_hash, certificate_no)
            SELECT * FROM unnest(@allHashes, @allNos)
            ON CONFLICT DO NOTHING
            """, new DynamicParameters(Columns(certificates)).With("allHashes", certificates.SelectMany(c => c.Hashes).ToArray())
                .With("allNos", certificates.SelectMany(c => c.Hashes.Select(_ => c.CertificateNo)).ToArray()), tx.Transaction, cancellationToken: ct));
    }

    /// <summary>
    /// Makes transactions about the same candidates take turns: two of them at once (certificates of one person in two
    /// batches, or certificates and the filing of their plan) would each miss what the other has not committed yet.
    /// A transaction-scoped advisory lock on each hash, taken in key order so two never wait for each other in a circle.
    /// </summary>
    public static Task LockCandidatesAsync(MessagingTransaction tx, IReadOnlyList<string> hashes, CancellationToken ct) =>
        LockAsync(tx, hashes, "pg_advisory_xact_lock", ct);

    /// <summary>
    /// As <see cref="LockCandidatesAsync"/>, shared: a staffing of one person and their certificate take turns, two
    /// staffings of one person (an examiner sent to many plans) do not, as neither reads what the other writes.
    /// </summary>
    public static Task ShareCandidatesAsync(MessagingTransaction tx, IReadOnlyList<string> hashes, CancellationToken ct) =>
        LockAsync(tx, hashes, "pg_advisory_xact_lock_shared", ct);

    static Task LockAsync(MessagingTransaction tx, IReadOnlyList<string> hashes, string function, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition($"""
            SELECT {function}(k) FROM (SELECT DISTINCT hashtextextended(h, 0) AS k FROM unnest(@hashes) AS h ORDER BY k) AS keys
            """, new { hashes = hashes.ToArray() }, tx.Transaction, cancellationToken: ct));

    /// <summary>The certificates stored for <paramref name="planIds"/>.</summary>
    public static async Task<IReadOnlyList<HeldCertificate>> OfPlansAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<(string CertificateNo, string PlanId, DateTimeOffset IssuedAt, string[] Hashes)>(new CommandDefinition("""
            SELECT c.certificate_no, c.plan_id, c.issued_at, array_agg(h.candidate_hash ORDER BY h.candidate_hash <> c.candidate_hash, h.candidate_hash)
            FROM certificates c JOIN certificate_hashes h ON h.certificate_no = c.certificate_no
            WHERE c.plan_id = ANY(@planIds)
            GROUP BY c.certificate_no, c.plan_id, c.issued_at
            ORDER BY c.certificate_no
            """, new { planIds = planIds.ToArray() }, tx.Transaction, cancellationToken: ct)))
        .Select(c => new HeldCertificate(c.CertificateNo, c.PlanId, c.IssuedAt, c.Hashes)).ToList();

    /// <summary>
    /// For each certificate, the other plans in which the same candidate was certified within <paramref name="window"/>
    /// of it (certificates of the same batch included: they are stored by then).
    /// </summary>
    public static async Task<ILookup<string, string>> OtherPlansAsync(MessagingTransaction tx, IReadOnlyList<HeldCertificate> certificates,
        TimeSpan window, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<(string CertificateNo, string PlanId)>(new CommandDefinition("""
            SELECT DISTINCT c.no, o.plan_id
            FROM unnest(@nos, @hashes, @plans, @issued) AS c(no, hash, plan_id, issued_at)
            JOIN certificate_hashes h ON h.candidate_hash = c.hash
            JOIN certificates o ON o.certificate_no = h.certificate_no AND o.plan_id <> c.plan_id
                AND o.issued_at BETWEEN c.issued_at - @window AND c.issued_at + @window
            ORDER BY 1, 2
            """, new DynamicParameters(Columns(certificates, everyHash: true)).With("window", window), tx.Transaction, cancellationToken: ct)))
        .ToLookup(p => p.CertificateNo, p => p.PlanId, StringComparer.Ordinal);

    /// <summary>The certificates as columns for <c>unnest</c>: a row each with its current hash, or a row per hash.</summary>
    static object Columns(IReadOnlyList<HeldCertificate> certificates, bool everyHash = false)
    {
        var rows = everyHash ? certificates.SelectMany(c => c.Hashes.Select(h => (Certificate: c, Hash: h))).ToList()
            : certificates.Select(c => (Certificate: c, Hash: c.CandidateHash)).ToList();
        return new
        {
            nos = rows.Select(r => r.Certificate.CertificateNo).ToArray(),
            hashes = rows.Select(r => r.Hash).ToArray(),
            plans = rows.Select(r => r.Certificate.PlanId).ToArray(),
            issued = rows.Select(r => r.Certificate.IssuedAt.UtcDateTime).ToArray(),
        };
    }

    static DynamicParameters With(this DynamicParameters parameters, string name, object value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}

/// <summary>
/// What scoring keeps of a certificate: enough to tell one person certified in several plans. <see cref="Hashes"/> are
/// every hash its candidate is known by, the current one first.
/// </summary>
public sealed record HeldCertificate(string CertificateNo, string PlanId, DateTimeOffset IssuedAt, IReadOnlyList<string> Hashes)
{
    public string CandidateHash => Hashes[0];

    public static HeldCertificate Of(CertificateIssued certificate) =>
        new(certificate.CertificateNo, certificate.PlanId, certificate.IssuedAt, EveryHash(certificate.CandidateHash, certificate.PreviousCandidateHashes));

    /// <summary>
    /// Every hash a person is known by: the one under ingest's current key first, then those under keys being retired
    /// (none on older messages), each once. A certificate's holder and a staff member alike.
    /// </summary>
    public static IReadOnlyList<string> EveryHash(string current, IReadOnlyList<string>? previous) =>
        [current, .. (previous ?? []).Where(h => h != current)];
}
