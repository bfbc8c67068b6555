using MassTransit;
using Monitoring.Contracts;
using Monitoring.Notice.Notices;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Notice.Consumers;

/// <summary>Issues the written notice alerts asked for; a redelivered or repeated request issues nothing more.</summary>
public sealed class IssueNoticeConsumer(ConsumeTransaction transaction, TimeProvider time, NoticeMetrics metrics, ILogger<IssueNoticeConsumer> logger)
    : IConsumer<IssueNotice>
{
    public async Task Consume(ConsumeContext<IssueNotice> context)
    {
        var notice = await NoticeIssuer.IssueAsync(transaction.Current, context.Message, time.GetUtcNow(), context.CancellationToken);
        if (notice is not null)
            transaction.Current.OnCommitted(() => metrics.Issued.WithLabels(notice.Kind).Inc());
        Log(context.Message, notice);
    }

    void Log(IssueNotice request, NoticeDocument? notice)
    {
        if (notice is null)
            logger.LogInformation("Request {RequestId} was issued before; nothing more to do", request.RequestId);
        else
            logger.LogInformation("Issued {DocumentNo} ({Kind}) to org {OrgCode}", notice.DocumentNo, notice.Kind, notice.OrgCode);
    }
}
