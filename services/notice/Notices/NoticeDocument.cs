namespace Monitoring.Notice.Notices;

/// <summary>A written notice as issued: what the JSON, HTML and PDF renderings all show.</summary>
public sealed record NoticeDocument(
    Guid NoticeId,
    string DocumentNo,
    string Kind,
    string Title,
    string Issuer,
    string IssuerCode,
    string OrgCode,
    string? OrgName,
    string? PlanId,
    string RegionCode,
    IReadOnlyList<string> Paragraphs,
    string LegalBasis,
    DateTimeOffset? DeadlineAt,
    DateTimeOffset IssuedAt,
    string IssuedOn);
