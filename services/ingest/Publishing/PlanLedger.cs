using Dapper;
using Monitoring.Contracts;
using Npgsql;

namespace Monitoring.Ingest.Publishing;

/// <summary>
/// Ingest's ledger of the messages it sends about each plan. Before a call's messages go to the broker their ids are
/// recorded (so a count is never short of a message the broker has; one that never got there only makes scoring
/// wait its grace), and each closing among them is stamped with how many messages its plan has in the ledger.
/// </summary>
public sealed class PlanLedger(NpgsqlDataSource dataSource)
{
    /// <summary>The plan a message is one of the facts of; null for the closing itself and for certificates (not facts of a score).</summary>
    public static string? PlanOf(Contract message) => message switch
    {
        PlanClosed or CertificatesIssued or CrossRegionApplicationFiled or ExamSiteFiled => null,
        PlanFiled m => m.PlanId,
        PlanExecutionReported m => m.PlanId,
        QualificationReviewed m => m.PlanId,
        ExaminersDispatched m => m.PlanId,
        PaperUsed m => m.PlanId,
        PlanStaffed m => m.PlanId,
        SupervisionReported m => m.PlanId,
        ResultsRecorded m => m.PlanId,
        VideoSegmentsRecorded m => m.PlanId,
        DisclosurePublished m => m.PlanId,
        SurveysResponded m => m.PlanId,
        _ => throw new InvalidOperationException($"Ingest does not know whether a {message.GetType().Name} is one of a plan's facts"),
    };

    /// <summary>Drops the ledgers of plans whose last message is older than <paramref name="before"/>; returns the rows dropped.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM plan_messages WHERE plan_id IN (
                SELECT plan_id FROM plan_messages GROUP BY plan_id HAVING max(recorded_at) < @before)
            """, new { before }, cancellationToken: ct));
    }

    /// <summary>Records the messages' ids by plan and returns the messages with every closing stamped with its plan's count.</summary>
    public async Task<IReadOnlyList<Outgoing>> RecordAsync(IReadOnlyList<Outgoing> messages, CancellationToken ct)
    {
        var facts = messages.Select(m => (Plan: PlanOf(m.Message), m.MessageId)).Where(f => f.Plan is not null)
            .Distinct().OrderBy(f => f.Plan, StringComparer.Ordinal).ThenBy(f => f.MessageId).ToList();
        var closed = messages.Select(m => m.Message).OfType<PlanClosed>().Select(c => c.PlanId).Distinct().ToArray();
        if (facts.Count == 0 && closed.Length == 0)
            return messages;

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (facts.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO plan_messages (plan_id, message_id) SELECT * FROM unnest(@plans, @ids) ON CONFLICT DO NOTHING
                """, new { plans = facts.Select(f => f.Plan!).ToArray(), ids = facts.Select(f => f.MessageId).ToArray() }, cancellationToken: ct));
        }
        if (closed.Length == 0)
            return messages;

        var counts = (await connection.QueryAsync<(string PlanId, int Count)>(new CommandDefinition(
            "SELECT plan_id, count(*)::int FROM plan_messages WHERE plan_id = ANY(@closed) GROUP BY plan_id", new { closed }, cancellationToken: ct)))
            .ToDictionary(c => c.PlanId, c => c.Count, StringComparer.Ordinal);
        return [.. messages.Select(m => m.Message is PlanClosed closing
            ? Outgoing.Of(closing with { AcceptedMessages = counts.GetValueOrDefault(closing.PlanId), SchemaVersion = 2 })
            : m)];
    }
}
