using Microsoft.Extensions.Options;
using Monitoring.Contracts;
using Monitoring.Scoring.Plans;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Certificates;

/// <summary>
/// One person, several certificates in a short time (一人多证): when a hashed candidate holds certificates
/// from other plans within <see cref="ScoringOptions.DuplicateCertificateWindow"/>, every plan involved gets
/// a red breach, once. The clear 身份证号 is never needed: ingest's keyed hash is the same for the same person.
/// A batch of certificates is handled set-based: one insert, one query for every certificate's other plans.
/// </summary>
public sealed class DuplicateCertificates(TimeProvider time, IOptions<ScoringOptions> options, ILogger<DuplicateCertificates> logger)
{
    public const string RuleId = "certificates.one-person-several";

    /// <summary>
    /// Stores certificates and raises "one person, several certificates"; returns their plans one of whose holders served
    /// as staff somewhere (<see cref="Staffing.StaffStore"/>): those plans' staff-certificate facts may have changed.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> RecordAsync(MessagingTransaction tx, IReadOnlyList<CertificateIssued> certificates, CancellationToken ct)
    {
        if (certificates.Count == 0)
            return [];
        var held = certificates.Select(HeldCertificate.Of).ToList();
        await CertificateStore.SaveAsync(tx, held, ct);
        await AnnounceAsync(tx, held, ct);
        return await Staffing.StaffStore.MatchCertificatesAsync(tx, held, ct);
    }

    /// <summary>
    /// Plans just filed: certificates of theirs that came first (a plan not filed yet cannot be routed to a center, so
    /// it got no breach then) are looked at again. Their candidates are locked first, so a batch of certificates at the
    /// same time either sees these plans filed or is seen here.
    /// </summary>
    public async Task OnPlansFiledAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct)
    {
        var held = await CertificateStore.OfPlansAsync(tx, planIds, ct);
        if (held.Count == 0)
            return;
        await CertificateStore.LockCandidatesAsync(tx, [.. held.SelectMany(c => c.Hashes)], ct);
        await AnnounceAsync(tx, held, ct);
    }

    /// <summary>A red breach, once, for every filed plan in which a candidate of <paramref name="certificates"/> holds another certificate in the window.</summary>
    async Task AnnounceAsync(MessagingTransaction tx, IReadOnlyList<HeldCertificate> certificates, CancellationToken ct)
    {
        var window = options.Value.DuplicateCertificateWindow;
        var others = await CertificateStore.OtherPlansAsync(tx, certificates, window, ct);
        if (others.Count == 0)
            return;

        // Plans not yet known to scoring cannot be routed to a center: they get their breach when they are filed.
        var now = time.GetUtcNow();
        var cases = certificates.Where(c => others.Contains(c.CertificateNo))
            .Select(c => (Certificate: c, Plans: others[c.CertificateNo].Append(c.PlanId).Distinct(StringComparer.Ordinal).ToList())).ToList();
        var involved = (await PlanStore.FindAsync(tx, [.. cases.SelectMany(c => c.Plans).Distinct(StringComparer.Ordinal)], ct))
            .ToDictionary(p => p.PlanId, StringComparer.Ordinal);
        var fresh = (await BreachStore.FirstTimeAsync(tx, [.. involved.Keys], RuleId, now, ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, plans) in cases)
        {
            foreach (var plan in plans.Where(fresh.Remove).Select(p => involved[p]))
            {
                tx.Publish(new IndicatorBreached(plan.PlanId, plan.OrgCode, plan.RegionCode, "result-management", RuleId,
                    "one-person-several-certificates", WarningLevel.Red,
                    $"同一考生在{window.TotalDays:0}天内于多个认定计划取得证书（涉及{plans.Count}个计划）", now));
                logger.LogWarning("Plan {PlanId}: a candidate holds certificates of {Count} plans within {Days} days", plan.PlanId, plans.Count, window.TotalDays);
            }
        }
    }
}
