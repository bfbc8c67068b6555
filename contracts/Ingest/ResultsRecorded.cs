namespace Monitoring.Contracts;

/// <summary>
/// The results of one submission for one plan (an endpoint call or an import line; at most
/// <see cref="BulkContracts.MaxItems"/>, a longer submission comes as several). Replaces one
/// <see cref="ResultRecorded"/> a candidate: a line is one message on the broker, not one a result.
/// </summary>
public sealed record ResultsRecorded(string PlanId, IReadOnlyList<CandidateResult> Results) : Contract;

/// <summary>One candidate's result; <see cref="CandidateHash"/> is ingest's keyed hash of the 身份证号, never the number.</summary>
public sealed record CandidateResult(
    string CandidateHash,
    decimal TheoryScore,
    decimal SkillScore,
    bool Passed,
    DateTimeOffset RecordedAt,
    bool EditedAfterLock);
