namespace Monitoring.Contracts;

/// <summary>
/// One candidate's result. <see cref="CandidateHash"/> is the keyed hash of the 身份证号 made by ingest;
/// the clear number never travels.
/// </summary>
public sealed record ResultRecorded(
    string PlanId,
    string CandidateHash,
    decimal TheoryScore,
    decimal SkillScore,
    bool Passed,
    DateTimeOffset RecordedAt,
    bool EditedAfterLock) : Contract;
