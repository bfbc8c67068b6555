using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Plans;
using Monitoring.Scoring.Rubric;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores a filed plan and scores it; the score leaves through the outbox with the plan row.</summary>
public sealed class PlanFiledConsumer(ReliableMessaging messaging, TimeProvider time, ILogger<PlanFiledConsumer> logger) : IConsumer<PlanFiled>
{
    public Task Consume(ConsumeContext<PlanFiled> context) =>
        messaging.ConsumeOnceAsync(context, nameof(PlanFiledConsumer), async tx =>
        {
            var plan = context.Message;
            await PlanStore.UpsertAsync(tx, plan, context.CancellationToken);
            var score = PlaceholderRubric.Score(plan, time.GetUtcNow());
            await PlanStore.SaveScoreAsync(tx, score, context.CancellationToken);
            tx.Publish(score);
            logger.LogInformation("Plan {PlanId} scored {Score} under {PolicyVersion}", plan.PlanId, score.Score, score.PolicyVersion);
        });
}
