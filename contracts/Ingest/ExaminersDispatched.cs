namespace Monitoring.Contracts;

/// <summary>The examiners drawn for a plan.</summary>
public sealed record ExaminersDispatched(
    string PlanId,
    IReadOnlyList<DispatchedExaminer> Examiners) : Contract;
