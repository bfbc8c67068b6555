namespace Monitoring.Contracts;

/// <summary>The center reviewed a rectification: passed closes it, failed or refused suspends the org.</summary>
public sealed record RectificationReviewed(
    Guid TaskId,
    string PlanId,
    string OrgCode,
    RectificationOutcome Outcome,
    DateTimeOffset ReviewedAt,
    string Reviewer) : Contract;
