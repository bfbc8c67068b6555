using Dapper;
using MassTransit;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Notice.Consumers;

/// <summary>
/// Keeps the scores a notice will cite (plan, score, policy version). Notices themselves are issued on
/// request from alerts (the notice issue).
/// </summary>
public sealed class PlanScoredConsumer(ReliableMessaging messaging, ILogger<PlanScoredConsumer> logger) : IConsumer<PlanScored>
{
    public Task Consume(ConsumeContext<PlanScored> context) =>
        messaging.ConsumeOnceAsync(context, nameof(PlanScoredConsumer), async tx =>
        {
            var score = context.Message;
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO score_observations (plan_id, org_code, region_code, score, status, policy_version, scored_at)
                VALUES (@PlanId, @OrgCode, @RegionCode, @Score, @status, @PolicyVersion, @ScoredAt)
                """,
                new { score.PlanId, score.OrgCode, score.RegionCode, score.Score, status = score.Status.ToString().ToLowerInvariant(), score.PolicyVersion, score.ScoredAt },
                tx.Transaction, cancellationToken: context.CancellationToken));
            logger.LogInformation("Recorded score {Score} of plan {PlanId} for notices", score.Score, score.PlanId);
        });
}
