namespace Monitoring.Contracts;

/// <summary>The satisfaction-survey answers of one submission for one plan (replaces one <see cref="SurveyResponded"/> an answer).</summary>
public sealed record SurveysResponded(string PlanId, IReadOnlyList<SurveyAnswer> Responses) : Contract;

/// <summary>One candidate's answer (hashed id, as for results).</summary>
public sealed record SurveyAnswer(string CandidateHash, int Satisfaction, bool Complaint);
