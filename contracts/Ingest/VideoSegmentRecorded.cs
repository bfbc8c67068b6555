namespace Monitoring.Contracts;

/// <summary>A stretch of video from one camera in one exam room.</summary>
public sealed record VideoSegmentRecorded(
    string PlanId,
    string Room,
    string CameraId,
    DateTimeOffset From,
    DateTimeOffset To,
    int ResolutionLines,
    int CandidatesCovered,
    int CandidatesInRoom) : Contract;
