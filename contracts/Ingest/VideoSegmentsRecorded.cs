namespace Monitoring.Contracts;

/// <summary>The video segments of one submission for one plan (replaces one <see cref="VideoSegmentRecorded"/> a segment).</summary>
public sealed record VideoSegmentsRecorded(string PlanId, IReadOnlyList<VideoSegment> Segments) : Contract;

/// <summary>A stretch of video from one camera in one exam room.</summary>
public sealed record VideoSegment(
    string Room,
    string CameraId,
    DateTimeOffset From,
    DateTimeOffset To,
    int ResolutionLines,
    int CandidatesCovered,
    int CandidatesInRoom);
