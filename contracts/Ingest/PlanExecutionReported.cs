namespace Monitoring.Contracts;

/// <summary>How the plan was actually held: dates, site and the candidates who came.</summary>
public sealed record PlanExecutionReported(
    string PlanId,
    DateTimeOffset ActualStart,
    DateTimeOffset ActualEnd,
    string SiteCode,
    int CandidatesPresent) : Contract;
