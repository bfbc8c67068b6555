namespace Monitoring.Contracts;

/// <summary>A written notice was issued under a document number (文号), unique and gapless per issuer and year.</summary>
public sealed record NoticeIssued(
    Guid NoticeId,
    Guid RequestId,
    string DocumentNo,
    NoticeKind Kind,
    string Issuer,
    string OrgCode,
    string? PlanId,
    DateTimeOffset IssuedAt) : Contract;
