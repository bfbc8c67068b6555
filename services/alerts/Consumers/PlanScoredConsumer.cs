using Dapper;
using MassTransit;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>
/// Records each score alerts hears of. Scores below 60 are what rectification tasks will be opened for
/// (the alerts issue); until then the record is the whole of it.
/// </summary>
public sealed class PlanScoredConsumer(ReliableMessaging messaging, ILogger<PlanScoredConsumer> logger) : IConsumer<PlanScored>
{
    public const decimal PassingScore = 60;

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
            if (score.Score < PassingScore)
                logger.LogWarning("Plan {PlanId} of org {OrgCode} scored {Score}, below {PassingScore}", score.PlanId, score.OrgCode, score.Score, PassingScore);
            else
                logger.LogInformation("Plan {PlanId} scored {Score}", score.PlanId, score.Score);
        });
}
