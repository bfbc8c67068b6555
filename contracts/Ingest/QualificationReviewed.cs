namespace Monitoring.Contracts;

/// <summary>The center re-checked a sample of the applicants (资格审核抽查).</summary>
public sealed record QualificationReviewed(
    string PlanId,
    int Sampled,
    int NonQualifying,
    DateTimeOffset ReviewedAt) : Contract;
