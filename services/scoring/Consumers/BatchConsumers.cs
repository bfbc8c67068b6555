using MassTransit;
using Microsoft.Extensions.Options;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Consumers;

/// <summary>Results arrive by the thousand per plan: written a batch at a time with one set-based statement.</summary>
public sealed class ResultRecordedConsumer(FactRecorder facts) : IConsumer<Batch<ResultRecorded>>
{
    public Task Consume(ConsumeContext<Batch<ResultRecorded>> context) => facts.RecordBatchAsync(context, nameof(ResultRecordedConsumer),
        m => m.PlanId, FactStore.SaveResultsAsync);
}

public sealed class SurveyRespondedConsumer(FactRecorder facts) : IConsumer<Batch<SurveyResponded>>
{
    public Task Consume(ConsumeContext<Batch<SurveyResponded>> context) => facts.RecordBatchAsync(context, nameof(SurveyRespondedConsumer),
        m => m.PlanId, FactStore.SaveSurveysAsync);
}

public sealed class VideoSegmentRecordedConsumer(FactRecorder facts) : IConsumer<Batch<VideoSegmentRecorded>>
{
    public Task Consume(ConsumeContext<Batch<VideoSegmentRecorded>> context) => facts.RecordBatchAsync(context, nameof(VideoSegmentRecordedConsumer),
        m => m.PlanId, FactStore.SaveVideosAsync);
}

/// <summary>
/// Batch size and wait from <see cref="ScoringOptions"/>; the prefetch holds two batches so the next one
/// fills while the current one commits.
/// </summary>
public sealed class BatchConsumerDefinition<TConsumer, TMessage>(IOptions<ScoringOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<Batch<TMessage>>
    where TMessage : class
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var batch = options.Value;
        // A batch holds its messages unacknowledged until it completes: the endpoint must let that many in.
        endpointConfigurator.ConcurrentMessageLimit = batch.BatchSize * 2;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.PrefetchCount = batch.BatchSize * 2;
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(batch.BatchSize)
            .SetTimeLimit(batch.BatchTimeLimit)
            .SetConcurrencyLimit(2));
    }
}
