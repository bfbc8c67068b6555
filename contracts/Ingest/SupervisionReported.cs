namespace Monitoring.Contracts;

/// <summary>The quality supervision (质量督导) report of a plan; no supervisor means none came.</summary>
public sealed record SupervisionReported(
    string PlanId,
    string? SupervisorId,
    IReadOnlyList<SupervisionFinding> Findings) : Contract;
