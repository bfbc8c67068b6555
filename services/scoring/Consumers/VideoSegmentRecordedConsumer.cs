using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Consumers;

/// <summary>Video segments arrive by the room and hour: written a batch at a time.</summary>
public sealed class VideoSegmentRecordedConsumer(FactRecorder facts) : IConsumer<Batch<VideoSegmentRecorded>>
{
    public Task Consume(ConsumeContext<Batch<VideoSegmentRecorded>> context) =>
        facts.RecordBatchAsync(context, nameof(VideoSegmentRecordedConsumer), m => m.PlanId, FactStore.SaveVideosAsync);
}
