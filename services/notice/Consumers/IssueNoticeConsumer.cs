using MassTransit;
using Monitoring.Contracts;
using Monitoring.Notice.Notices;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Notice.Consumers;

/// <summary>Issues the written notice alerts asked for; a redelivered or repeated request issues nothing more.</summary>
public sealed class IssueNoticeConsumer(ReliableMessaging messaging, TimeProvider time, ILogger<IssueNoticeConsumer> logger) : IConsumer<IssueNotice>
{
    public Task Consume(ConsumeContext<IssueNotice> context) =>
        messaging.ConsumeOnceAsync(context, nameof(IssueNoticeConsumer), async tx =>
        {
            var notice = await NoticeIssuer.IssueAsync(tx, context.Message, time.GetUtcNow(), context.CancellationToken);
            if (notice is null)
                logger.LogInformation("Request {RequestId} was issued before; nothing more to do", context.Message.RequestId);
            else
                logger.LogInformation("Issued {DocumentNo} ({Kind}) to org {OrgCode}", notice.DocumentNo, notice.Kind, notice.OrgCode);
        });
}

/// <summary>Keeps the public list (信息公示) of suspended and revoked orgs.</summary>
public sealed class OrgStatusChangedConsumer(ReliableMessaging messaging) : IConsumer<OrgStatusChanged>
{
    public Task Consume(ConsumeContext<OrgStatusChanged> context) =>
        messaging.ConsumeOnceAsync(context, nameof(OrgStatusChangedConsumer), tx => Dapper.SqlMapper.ExecuteAsync(tx.Connection, new Dapper.CommandDefinition("""
            INSERT INTO catalogue_actions (org_code, from_status, to_status, reason, plan_id, changed_at)
            VALUES (@OrgCode, @from, @to, @Reason, @PlanId, @ChangedAt)
            """, new
        {
            context.Message.OrgCode, from = context.Message.From.ToString().ToLowerInvariant(), to = context.Message.To.ToString().ToLowerInvariant(),
            context.Message.Reason, context.Message.PlanId, context.Message.ChangedAt,
        }, tx.Transaction, cancellationToken: context.CancellationToken)));
}
