namespace Monitoring.Contracts;

/// <summary>
/// One candidate's result. <see cref="CandidateHash"/> is the keyed hash of the 身份证号 made by ingest;
/// the clear number never travels.
/// </summary>
/// <remarks>Superseded by <see cref="ResultsRecorded"/>, which ingest sends instead: scoring still reads this one so that messages of an
/// ingest replica not yet upgraded are not lost; remove it once no such replica runs.</remarks>
public sealed record ResultRecorded(
    string PlanId,
    string CandidateHash,
    decimal TheoryScore,
    decimal SkillScore,
    bool Passed,
    DateTimeOffset RecordedAt,
    bool EditedAfterLock) : Contract;
