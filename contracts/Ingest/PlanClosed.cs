namespace Monitoring.Contracts;

/// <summary>
/// The plan is over (the upstream sends it once the plan's data has been sent). <see cref="AcceptedMessages"/> is how
/// many distinct messages about the plan ingest had accepted when the plan closed (every plan-scoped message but the
/// closing and certificates): scoring makes the score final as soon as it has folded in that many, instead of waiting
/// out its closing grace for data still on its way. Null from a sender that does not count (schema version 1): the
/// grace applies.
/// </summary>
public sealed record PlanClosed(string PlanId, DateTimeOffset ClosedAt) : Contract
{
    public int? AcceptedMessages { get; init; }
}
