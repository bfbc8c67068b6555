using Microsoft.Extensions.Options;
using Monitoring.Contracts;
using Monitoring.Scoring.Plans;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Certificates;

/// <summary>
/// One person, several certificates in a short time (一人多证): when a hashed candidate holds certificates
/// from other plans within <see cref="ScoringOptions.DuplicateCertificateWindow"/>, every plan involved gets
/// a red breach, once. The clear 身份证号 is never needed: ingest's keyed hash is the same for the same person.
/// </summary>
public sealed class DuplicateCertificates(TimeProvider time, IOptions<ScoringOptions> options, ILogger<DuplicateCertificates> logger)
{
    public const string RuleId = "certificates.one-person-several";

    public async Task RecordAsync(MessagingTransaction tx, CertificateIssued certificate, CancellationToken ct)
    {
        await CertificateStore.SaveAsync(tx, certificate, ct);
        var window = options.Value.DuplicateCertificateWindow;
        var others = await CertificateStore.OtherPlansAsync(tx, certificate, window, ct);
        if (others.Count == 0)
            return;

        // Plans not yet known to scoring cannot be routed to a center; they get their breach when a later certificate arrives.
        var now = time.GetUtcNow();
        var involved = await PlanStore.FindAsync(tx, [.. others, certificate.PlanId], ct);
        var fresh = await BreachStore.FirstTimeAsync(tx, involved.Select(p => p.PlanId).ToList(), RuleId, now, ct);
        foreach (var plan in involved.Where(p => fresh.Contains(p.PlanId)))
        {
            tx.Publish(new IndicatorBreached(plan.PlanId, plan.OrgCode, plan.RegionCode, "result-management", RuleId,
                "one-person-several-certificates", WarningLevel.Red,
                $"同一考生在{window.TotalDays:0}天内于多个认定计划取得证书（涉及{others.Count + 1}个计划）", now));
            logger.LogWarning("Plan {PlanId}: a candidate holds certificates of {Count} plans within {Days} days", plan.PlanId, others.Count + 1, window.TotalDays);
        }
    }
}
