namespace Monitoring.Contracts;

/// <summary>One candidate's answer to the satisfaction survey (hashed id, as for results).</summary>
public sealed record SurveyResponded(
    string PlanId,
    string CandidateHash,
    int Satisfaction,
    bool Complaint) : Contract;
