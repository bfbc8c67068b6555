using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Notices;

/// <summary>
/// The written notices alerts asks notice for (a rectification, a suspension, a revocation, a plan
/// termination): built here, in one place, and sent as the command <see cref="IssueNotice"/> to notice's
/// queue through the outbox, in the transaction of the step that requires the notice.
/// </summary>
public static class NoticeRequests
{
    /// <summary>A notice about an org; <paramref name="score"/> and <paramref name="deadlineAt"/> for a rectification.</summary>
    public static void Ask(MessagingTransaction tx, Guid requestId, NoticeKind kind, string orgCode, string? orgName, string regionCode, string? planId,
        string reason, DateTimeOffset now, PlanScored? score = null, DateTimeOffset? deadlineAt = null) =>
        tx.Send(IssueNotice.Queue, new IssueNotice(requestId, kind, orgCode, orgName, regionCode, planId, score?.Score,
            score?.Indicators.SelectMany(i => i.Deductions).ToList() ?? [], reason, deadlineAt, now));
}
