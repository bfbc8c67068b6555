namespace Monitoring.Contracts;

/// <summary>The org handed in its rectification.</summary>
public sealed record RectificationSubmitted(
    Guid TaskId,
    string PlanId,
    string OrgCode,
    DateTimeOffset SubmittedAt,
    string Summary) : Contract;
