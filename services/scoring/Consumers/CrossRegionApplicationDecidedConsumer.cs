using Dapper;
using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Plans;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// A cross-region application approved (by the site's center and the municipal center): its lines are kept, and the
/// org's plans are scored again, so a plan it covers no longer counts as held outside the region without approval. A
/// refusal changes nothing: only an approval makes a plan outside the org's region lawful.
/// </summary>
public sealed class CrossRegionApplicationDecidedConsumer(ConsumeTransaction transaction, TimeProvider time) : IConsumer<CrossRegionApplicationDecided>
{
    public async Task Consume(ConsumeContext<CrossRegionApplicationDecided> context)
    {
        var m = context.Message;
        if (!m.Approved)
            return;
        var tx = transaction.Current;
        var ct = context.CancellationToken;
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO region_approvals (application_id, line, org_code, site_region_prefix, occupation_code, level, exam_date)
            SELECT @ApplicationId, l.line, @OrgCode, @prefix, l.occupation, l.level, l.day
            FROM unnest(@lines, @occupations, @levels, @days) AS l(line, occupation, level, day)
            ON CONFLICT (application_id, line) DO NOTHING
            """, new
            {
                m.ApplicationId,
                m.OrgCode,
                prefix = Jurisdiction.LikePattern(m.SiteRegionCode),
                lines = Enumerable.Range(1, m.Lines.Count).ToArray(),
                occupations = m.Lines.Select(l => l.OccupationCode).ToArray(),
                levels = m.Lines.Select(l => l.Level).ToArray(),
                days = m.Lines.Select(l => l.ExamDate).ToArray(),
            }, tx.Transaction, cancellationToken: ct));
        await RescoreQueue.EnqueueOrgPlansAsync(tx, m.OrgCode, time.GetUtcNow(), ct);
    }
}
