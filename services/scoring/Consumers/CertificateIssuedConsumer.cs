using Dapper;
using MassTransit;
using Microsoft.Extensions.Options;
using Monitoring.Contracts;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// One person, several certificates in a short time (一人多证): when a hashed candidate holds certificates
/// from other plans within <see cref="ScoringOptions.DuplicateCertificateWindow"/>, every plan involved gets
/// a red breach, once. The clear 身份证号 is never needed: ingest's keyed hash is the same for the same person.
/// </summary>
public sealed class CertificateIssuedConsumer(
    Monitoring.ServiceDefaults.Messaging.ReliableMessaging messaging,
    TimeProvider time,
    IOptions<ScoringOptions> options,
    ILogger<CertificateIssuedConsumer> logger) : IConsumer<CertificateIssued>
{
    public const string RuleId = "certificates.one-person-several";

    public Task Consume(ConsumeContext<CertificateIssued> context) =>
        messaging.ConsumeOnceAsync(context, nameof(CertificateIssuedConsumer), async tx =>
        {
            var certificate = context.Message;
            var ct = context.CancellationToken;
            // Two certificates of one person handled at once would each miss the other's uncommitted row:
            // certificates of the same candidate take turns (a transaction-scoped advisory lock on the hash).
            await tx.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@CandidateHash, 0))",
                new { certificate.CandidateHash }, tx.Transaction, cancellationToken: ct));
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO certificates (certificate_no, candidate_hash, plan_id, issued_at) VALUES (@CertificateNo, @CandidateHash, @PlanId, @IssuedAt)
                ON CONFLICT (certificate_no) DO NOTHING
                """, certificate, tx.Transaction, cancellationToken: ct));

            var window = options.Value.DuplicateCertificateWindow;
            var others = (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
                SELECT DISTINCT plan_id FROM certificates
                WHERE candidate_hash = @CandidateHash AND plan_id <> @PlanId AND issued_at BETWEEN @from AND @to
                """, new { certificate.CandidateHash, certificate.PlanId, from = certificate.IssuedAt - window, to = certificate.IssuedAt + window },
                tx.Transaction, cancellationToken: ct))).ToList();
            if (others.Count == 0)
                return;

            // Plans not yet known to scoring cannot be routed to a center; they get their breach when a later certificate arrives.
            var newlyBreached = await tx.Connection.QueryAsync<BreachedPlan>(new CommandDefinition("""
                WITH involved AS (SELECT plan_id, org_code, region_code FROM plans WHERE plan_id = ANY(@plans)),
                     fresh AS (
                         INSERT INTO plan_breaches (plan_id, rule_id, detected_at)
                         SELECT plan_id, @rule, @now FROM involved
                         ON CONFLICT DO NOTHING RETURNING plan_id)
                SELECT i.plan_id AS PlanId, i.org_code AS OrgCode, i.region_code AS RegionCode FROM involved i JOIN fresh USING (plan_id)
                """, new { plans = others.Append(certificate.PlanId).ToArray(), rule = RuleId, now = time.GetUtcNow() },
                tx.Transaction, cancellationToken: ct));
            foreach (var plan in newlyBreached)
            {
                tx.Publish(new IndicatorBreached(plan.PlanId, plan.OrgCode, plan.RegionCode, "result-management", RuleId,
                    "one-person-several-certificates", WarningLevel.Red,
                    $"同一考生在{window.TotalDays:0}天内于多个认定计划取得证书（涉及{others.Count + 1}个计划）", time.GetUtcNow()));
                logger.LogWarning("Plan {PlanId}: a candidate holds certificates of {Count} plans within {Days} days", plan.PlanId, others.Count + 1, window.TotalDays);
            }
        });

    sealed record BreachedPlan(string PlanId, string OrgCode, string RegionCode);
}
