namespace Monitoring.Contracts;

/// <summary>The plan is over; its score becomes final.</summary>
public sealed record PlanClosed(string PlanId, DateTimeOffset ClosedAt) : Contract;
