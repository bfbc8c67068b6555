namespace Monitoring.Contracts;

/// <summary>A public disclosure (信息公示) of the plan, its fees or its results, and its period.</summary>
public sealed record DisclosurePublished(
    string PlanId,
    DisclosureKind Kind,
    DateTimeOffset PublishedAt,
    DateTimeOffset? Until) : Contract;
