using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Consumers;

/// <summary>Survey answers arrive by the hundred per plan: written a batch at a time.</summary>
public sealed class SurveyRespondedConsumer(FactRecorder facts) : IConsumer<Batch<SurveyResponded>>
{
    public Task Consume(ConsumeContext<Batch<SurveyResponded>> context) =>
        facts.RecordBatchAsync(context, nameof(SurveyRespondedConsumer), m => m.PlanId, FactStore.SaveSurveysAsync);
}
