namespace Monitoring.Contracts;

/// <summary>
/// A command to the notice service: issue a written notice (书面通知). <see cref="RequestId"/> identifies the
/// request, so a redelivered command never takes a second document number. A command has one receiver: it is
/// sent to <see cref="Queue"/>, not published.
/// </summary>
public sealed record IssueNotice(
    Guid RequestId,
    NoticeKind Kind,
    string OrgCode,
    string? OrgName,
    string RegionCode,
    string? PlanId,
    decimal? Score,
    IReadOnlyList<Deduction> Deductions,
    string Reason,
    DateTimeOffset? DeadlineAt,
    DateTimeOffset RequestedAt) : Contract
{
    /// <summary>The queue of notice's consumer of this command, where senders send it.</summary>
    public const string Queue = "notice-issue-notice";
}
