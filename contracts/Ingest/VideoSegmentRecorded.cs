namespace Monitoring.Contracts;

/// <summary>A stretch of video from one camera in one exam room.</summary>
/// <remarks>Superseded by <see cref="VideoSegmentsRecorded"/>, which ingest sends instead: scoring still reads this one so that messages of an
/// ingest replica not yet upgraded are not lost; remove it once no such replica runs.</remarks>
public sealed record VideoSegmentRecorded(
    string PlanId,
    string Room,
    string CameraId,
    DateTimeOffset From,
    DateTimeOffset To,
    int ResolutionLines,
    int CandidatesCovered,
    int CandidatesInRoom) : Contract;
