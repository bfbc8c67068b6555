namespace Monitoring.Contracts;

/// <summary>The exam paper a plan used and how the theory exam was taken.</summary>
public sealed record PaperUsed(
    string PlanId,
    PaperBank Bank,
    int ReusedItems,
    bool TheoryOnComputer,
    bool PaperExamApproved) : Contract
{
    /// <summary>Version 2 added <see cref="ExpertReviewed"/> and <see cref="FiledAt"/>.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>
    /// A self-built paper (自主命题) passed expert review (专家评审); null when the platform did not say (older messages,
    /// papers from a bank).
    /// </summary>
    public bool? ExpertReviewed { get; init; }

    /// <summary>When a self-built paper was filed with the provincial or municipal center (省市评价（鉴定）中心备案); null when it was not, or not said.</summary>
    public DateTimeOffset? FiledAt { get; init; }
}
