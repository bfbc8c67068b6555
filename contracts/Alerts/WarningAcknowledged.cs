namespace Monitoring.Contracts;

/// <summary>A center acknowledged (closed) an early warning: scoring stops counting it against the plan.</summary>
public sealed record WarningAcknowledged(
    Guid WarningId,
    string PlanId,
    DateTimeOffset AcknowledgedAt) : Contract;
