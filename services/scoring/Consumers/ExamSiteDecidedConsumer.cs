using Dapper;
using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Plans;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// An org's center confirmed or refused one of its exam sites: the registry keeps the latest decision (an older one
/// delivered late changes nothing), and the org's plans are scored again against it.
/// </summary>
public sealed class ExamSiteDecidedConsumer(ConsumeTransaction transaction, TimeProvider time) : IConsumer<ExamSiteDecided>
{
    public async Task Consume(ConsumeContext<ExamSiteDecided> context)
    {
        var m = context.Message;
        var tx = transaction.Current;
        var ct = context.CancellationToken;
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO registered_sites (org_code, site_code, region_code, confirmed, decided_at)
            VALUES (@OrgCode, @SiteCode, @RegionCode, @Confirmed, @DecidedAt)
            ON CONFLICT (org_code, site_code) DO UPDATE
                SET region_code = excluded.region_code, confirmed = excluded.confirmed, decided_at = excluded.decided_at
                WHERE registered_sites.decided_at <= excluded.decided_at
            """, m, tx.Transaction, cancellationToken: ct));
        await RescoreQueue.EnqueueOrgPlansAsync(tx, m.OrgCode, time.GetUtcNow(), ct);
    }
}
