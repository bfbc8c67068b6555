namespace Monitoring.Contracts;

/// <summary>The exam paper a plan used and how the theory exam was taken.</summary>
public sealed record PaperUsed(
    string PlanId,
    PaperBank Bank,
    int ReusedItems,
    bool TheoryOnComputer,
    bool PaperExamApproved) : Contract;
