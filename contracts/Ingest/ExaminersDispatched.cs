namespace Monitoring.Contracts;

/// <summary>The examiners drawn for a plan.</summary>
public sealed record ExaminersDispatched(
    string PlanId,
    IReadOnlyList<DispatchedExaminer> Examiners) : Contract
{
    /// <summary>Version 2 added <see cref="PoolSize"/>.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>
    /// How many examiners the pool (考评员库) held for the plan's occupation and level when the platform drew (schema
    /// version 2; null when the platform did not say, and on older messages). It tells whether a pool shortage was real
    /// and how likely a pool examiner was to be drawn at random.
    /// </summary>
    public int? PoolSize { get; init; }
}
