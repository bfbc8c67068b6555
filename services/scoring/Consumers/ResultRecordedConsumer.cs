using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Consumers;

/// <summary>Results arrive by the thousand per plan: written a batch at a time with one set-based statement.</summary>
public sealed class ResultRecordedConsumer(FactRecorder facts) : IConsumer<Batch<ResultRecorded>>
{
    public Task Consume(ConsumeContext<Batch<ResultRecorded>> context) =>
        facts.RecordBatchAsync(context, nameof(ResultRecordedConsumer), m => m.PlanId, FactStore.SaveResultsAsync);
}
