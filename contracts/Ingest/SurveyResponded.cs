namespace Monitoring.Contracts;

/// <summary>One candidate's answer to the satisfaction survey (hashed id, as for results).</summary>
/// <remarks>Superseded by <see cref="SurveysResponded"/>, which ingest sends instead: scoring still reads this one so that messages of an
/// ingest replica not yet upgraded are not lost; remove it once no such replica runs.</remarks>
public sealed record SurveyResponded(
    string PlanId,
    string CandidateHash,
    int Satisfaction,
    bool Complaint) : Contract;
