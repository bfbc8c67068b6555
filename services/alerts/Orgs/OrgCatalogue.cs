using Microsoft.Extensions.Options;
using Monitoring.Alerts.Notices;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Orgs;

/// <summary>
/// The org's place in the catalogue (目录清单): active → suspended → revoked. Every step is kept in the
/// org's history, announced (<see cref="OrgStatusChanged"/>) and asks notice for a written notice, in the
/// transaction that caused it. A second suspension within <see cref="AlertsOptions.RevocationWindowMonths"/>
/// revokes the qualification.
/// </summary>
public sealed class OrgCatalogue(IOptions<AlertsOptions> options)
{
    /// <summary>Suspends the org (a refused or failed rectification, or one overdue) and revokes it on a second suspension.</summary>
    public async Task SuspendAsync(MessagingTransaction tx, string orgCode, string regionCode, string? planId, string reason, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var org = await OrgStore.LockAsync(tx, orgCode, now, ct);
        if (org.Status == OrgStatus.Revoked)
            return;

        await ChangeAsync(tx, org, OrgStatus.Suspended, regionCode, planId, reason, actor, NoticeKind.Suspension, now, ct);
        var since = now.ToOffset(ShanghaiTime.Offset).AddMonths(-options.Value.RevocationWindowMonths);
        if (await OrgStore.SuspensionsSinceAsync(tx, orgCode, since, ct) >= 2)
        {
            await ChangeAsync(tx, org with { Status = OrgStatus.Suspended }, OrgStatus.Revoked, regionCode, planId,
                $"{options.Value.RevocationWindowMonths}个月内第二次暂停评价活动，取消评价资质并移出目录清单", actor, NoticeKind.Revocation, now, ct);
        }
    }

    /// <summary>Revokes the org's qualification (a confirmed fraud or question leak) and takes it off the catalogue.</summary>
    public async Task RevokeAsync(MessagingTransaction tx, string orgCode, string regionCode, string? planId, string reason, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var org = await OrgStore.LockAsync(tx, orgCode, now, ct);
        if (org.Status != OrgStatus.Revoked)
            await ChangeAsync(tx, org, OrgStatus.Revoked, regionCode, planId, reason, actor, NoticeKind.Revocation, now, ct);
    }

    static async Task ChangeAsync(MessagingTransaction tx, LockedOrg org, OrgStatus to, string regionCode, string? planId, string reason, string actor,
        NoticeKind notice, DateTimeOffset now, CancellationToken ct)
    {
        await OrgStore.ChangeAsync(tx, org, to, planId, reason, actor, now, ct);
        tx.Publish(new OrgStatusChanged(org.OrgCode, org.Status, to, reason, planId, now));
        NoticeRequests.Ask(tx, Guid.CreateVersion7(now), notice, org.OrgCode, org.OrgName, regionCode, planId, reason, now);
    }
}
