using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

public sealed record SegmentItem(
    string? Room, string? CameraId, DateTimeOffset? From, DateTimeOffset? To, string? Resolution, int? CandidatesCovered, int? CandidatesInRoom);

public sealed record VideosRequest(IReadOnlyList<SegmentItem?>? Segments);

/// <summary>Video segments of the exam rooms → one <see cref="VideoSegmentsRecorded"/> per <see cref="BulkContracts.MaxItems"/> of them.</summary>
public sealed class VideosSubmission : Submission<VideosRequest>
{
    static readonly Dictionary<string, int> Lines = new() { ["480p"] = 480, ["720p"] = 720, ["1080p"] = 1080 };

    public override string Type => "videos";
    public override string Path => "/api/v1/plans/{planId}/videos";
    public override string EndpointName => "RecordVideos";

    protected override void Validate(VideosRequest r, Check c)
    {
        if (!c.Items(r.Segments, "segments"))
            return;
        for (var i = 0; i < r.Segments!.Count; i++)
        {
            if (r.Segments[i] is not { } s)
                continue;
            var item = c.Item("segments", i);
            item.Text(s.Room, "room", 64);
            item.Text(s.CameraId, "cameraId", 64);
            item.Time(s.From, "from");
            item.After(s.To, "to", s.From, "from");
            item.OneOf(s.Resolution, "resolution", [.. Lines.Keys]);
            item.Range(s.CandidatesInRoom, "candidatesInRoom", 0, 10_000);
            item.Range(s.CandidatesCovered, "candidatesCovered", 0, 10_000);
            if (s.CandidatesCovered > s.CandidatesInRoom)
                item.Fail("candidatesCovered", "at most candidatesInRoom");
        }
    }

    protected override IReadOnlyList<Contract> Map(VideosRequest r, string planId, SubmissionContext context) =>
        [.. r.Segments!.Chunk(BulkContracts.MaxItems).Select(chunk => new VideoSegmentsRecorded(planId, [.. chunk.Select(s => new VideoSegment(
            s!.Room!, s.CameraId!, s.From!.Value, s.To!.Value, Lines[s.Resolution!], s.CandidatesCovered!.Value, s.CandidatesInRoom!.Value))]))];
}
