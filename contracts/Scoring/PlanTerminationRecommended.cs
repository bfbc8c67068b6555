namespace Monitoring.Contracts;

/// <summary>Non-qualifying applicants reached 1/3 of the sample: the plan may be terminated or returned.</summary>
public sealed record PlanTerminationRecommended(
    string PlanId,
    string OrgCode,
    string RegionCode,
    int Sampled,
    int NonQualifying,
    DateTimeOffset RecommendedAt) : Contract;
