using Dapper;
using MassTransit;
using Monitoring.Alerts.Orgs;
using Monitoring.Alerts.Rectifications;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>Records every score; a final score below 60 opens the plan's rectification task.</summary>
public sealed class PlanScoredConsumer(ReliableMessaging messaging, TimeProvider time, ILogger<PlanScoredConsumer> logger) : IConsumer<PlanScored>
{
    public Task Consume(ConsumeContext<PlanScored> context) =>
        messaging.ConsumeOnceAsync(context, nameof(PlanScoredConsumer), async tx =>
        {
            var score = context.Message;
            var ct = context.CancellationToken;
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO score_observations (plan_id, org_code, region_code, score, status, policy_version, scored_at)
                VALUES (@PlanId, @OrgCode, @RegionCode, @Score, @status, @PolicyVersion, @ScoredAt)
                """,
                new { score.PlanId, score.OrgCode, score.RegionCode, score.Score, status = score.Status.ToString().ToLowerInvariant(), score.PolicyVersion, score.ScoredAt },
                tx.Transaction, cancellationToken: ct));
            var now = time.GetUtcNow();
            await OrgCatalogue.EnsureAsync(tx, score.OrgCode, score.OrgName, now, ct);
            if (score.Status == ScoreStatus.Final && score.Score < RectificationService.PassingScore)
            {
                await RectificationService.OpenAsync(tx, score, now, ct);
                logger.LogWarning("Plan {PlanId} of org {OrgCode} ended at {Score}: rectification opened", score.PlanId, score.OrgCode, score.Score);
            }
        });
}
