using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Scoring.Plans;

/// <summary>What <see cref="PlanStore.SaveScoresAsync"/> stored: the plans whose score changed, and those among them whose score became final.</summary>
public sealed record SavedScores(IReadOnlySet<string> Changed, IReadOnlySet<string> BecameFinal);

/// <summary>Scoring's tables of plans and their latest scores.</summary>
public static class PlanStore
{
    public static Task UpsertAsync(MessagingTransaction tx, PlanFiled plan, CancellationToken cancellationToken) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO plans (plan_id, org_code, org_name, region_code, filed, exam_start, exam_end, candidate_count)
            VALUES (@PlanId, @OrgCode, @OrgName, @RegionCode, @filed::jsonb, @ExamStart, @ExamEnd, @CandidateCount)
            ON CONFLICT (plan_id) DO UPDATE SET
                org_code = excluded.org_code, org_name = excluded.org_name, region_code = excluded.region_code,
                filed = excluded.filed, exam_start = excluded.exam_start, exam_end = excluded.exam_end,
                candidate_count = excluded.candidate_count, updated_at = now()
            """,
            new
            {
                plan.PlanId, plan.OrgCode, plan.OrgName, plan.RegionCode, filed = JsonSerializer.Serialize(plan, ContractSerialization.Options),
                plan.ExamStart, plan.ExamEnd, plan.CandidateCount,
            },
            tx.Transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Stores the plans' latest scores, each with how many of ingest's messages it covers, in one statement; returns
    /// the plans whose score changed (score, status, policy or indicators: something to announce). A score that only
    /// covers more messages is stored and not announced. The plans' rows are locked by the caller, so what the
    /// statement reads before its upsert is what was stored.
    /// </summary>
    public static async Task<SavedScores> SaveScoresAsync(MessagingTransaction tx, IReadOnlyList<(PlanScored Score, int Messages)> scores,
        CancellationToken cancellationToken)
    {
        if (scores.Count == 0)
            return new SavedScores(new HashSet<string>(), new HashSet<string>());
        var saved = (await tx.Connection.QueryAsync<(string PlanId, bool BecameFinal)>(new CommandDefinition(
            """
            WITH incoming AS (
                SELECT plan_id, score, status, policy_version, indicators::jsonb AS indicators, scored_at, messages
                FROM unnest(@plans, @scores, @statuses, @versions, @indicators, @scoredAt, @messages)
                    AS s(plan_id, score, status, policy_version, indicators, scored_at, messages)),
            stored AS (
                SELECT s.plan_id, (s.score, s.status, s.policy_version, s.indicators) AS content, s.status AS stored_status
                FROM plan_scores s JOIN incoming USING (plan_id)),
            saved AS (
                INSERT INTO plan_scores (plan_id, score, status, policy_version, indicators, scored_at, messages)
                SELECT * FROM incoming
                ON CONFLICT (plan_id) DO UPDATE SET
                    score = excluded.score, status = excluded.status, policy_version = excluded.policy_version,
                    indicators = excluded.indicators, scored_at = excluded.scored_at, messages = excluded.messages
                WHERE (plan_scores.score, plan_scores.status, plan_scores.policy_version, plan_scores.indicators, plan_scores.messages)
                    IS DISTINCT FROM (excluded.score, excluded.status, excluded.policy_version, excluded.indicators, excluded.messages)
                RETURNING plan_id, score, status, policy_version, indicators)
            SELECT saved.plan_id, saved.status = 'final' AND stored.stored_status IS DISTINCT FROM 'final'
            FROM saved LEFT JOIN stored USING (plan_id)
            WHERE stored.content IS DISTINCT FROM (saved.score, saved.status, saved.policy_version, saved.indicators)
            """,
            new
            {
                plans = scores.Select(s => s.Score.PlanId).ToArray(),
                scores = scores.Select(s => s.Score.Score).ToArray(),
                statuses = scores.Select(s => StatusName(s.Score.Status)).ToArray(),
                versions = scores.Select(s => s.Score.PolicyVersion).ToArray(),
                indicators = scores.Select(s => JsonSerializer.Serialize(s.Score.Indicators, ContractSerialization.Options)).ToArray(),
                scoredAt = scores.Select(s => s.Score.ScoredAt.UtcDateTime).ToArray(),
                messages = scores.Select(s => s.Messages).ToArray(),
            },
            tx.Transaction, cancellationToken: cancellationToken))).ToList();
        return new SavedScores(saved.Select(s => s.PlanId).ToHashSet(StringComparer.Ordinal),
            saved.Where(s => s.BecameFinal).Select(s => s.PlanId).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The plans of <paramref name="planIds"/> that scoring knows, with the org and region they are routed to.</summary>
    public static async Task<IReadOnlyList<PlanRoute>> FindAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<PlanRoute>(new CommandDefinition(
            "SELECT plan_id AS PlanId, org_code AS OrgCode, region_code AS RegionCode FROM plans WHERE plan_id = ANY(@planIds)",
            new { planIds = planIds.ToArray() }, tx.Transaction, cancellationToken: ct))).ToList();

    /// <summary>The plan's latest score as API.md shows it, with the plan's region (for the caller's jurisdiction); null before the first scoring.</summary>
    public static async Task<(PlanScoreView Score, string RegionCode)?> ScoreAsync(NpgsqlConnection connection, string planId, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ScoreRow>(new CommandDefinition(
            """
            SELECT plan_id AS PlanId, score AS Score, status AS Status, policy_version AS PolicyVersion,
                   indicators::text AS Indicators, scored_at AS ScoredAt, p.region_code AS RegionCode, messages AS Messages
            FROM plan_scores s JOIN plans p USING (plan_id) WHERE plan_id = @planId
            """, new { planId }, cancellationToken: ct));
        if (row is null)
            return null;
        var indicators = JsonSerializer.Deserialize<List<IndicatorScore>>(row.Indicators, ContractSerialization.Options) ?? [];
        return (new PlanScoreView(row.PlanId, row.Score, row.Status, row.PolicyVersion, UtcDateTimeOffsetHandler.FromDatabase(row.ScoredAt), indicators)
        {
            Messages = row.Messages,
        }, row.RegionCode);
    }

    sealed record ScoreRow(string PlanId, decimal Score, string Status, string PolicyVersion, string Indicators, DateTime ScoredAt, string RegionCode,
        int? Messages);

    /// <summary>The plans whose exam starts in [<paramref name="from"/>, <paramref name="to"/>), by id.</summary>
    public static async Task<IReadOnlyList<string>> ExamsStartingAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT plan_id FROM plans
            WHERE (filed ->> 'examStart')::timestamptz >= @from AND (filed ->> 'examStart')::timestamptz < @to
            ORDER BY plan_id
            """, new { from, to }, cancellationToken: ct))).ToList();

    static string StatusName(ScoreStatus status) => status == ScoreStatus.Final ? "final" : "provisional";
}

/// <summary>Where a plan's warnings go: its org and the region whose center supervises it.</summary>
public sealed record PlanRoute(string PlanId, string OrgCode, string RegionCode);

/// <summary>A plan's score as <c>GET /api/v1/plans/{planId}/score</c> answers it (API.md).</summary>
public sealed record PlanScoreView(string PlanId, decimal Score, string Status, string PolicyVersion, DateTimeOffset ScoredAt,
    IReadOnlyList<IndicatorScore> Indicators)
{
    /// <summary>How many of ingest's messages about the plan this score covers (null for a score from before it was counted).</summary>
    public int? Messages { get; init; }
}
