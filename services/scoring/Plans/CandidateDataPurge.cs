using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Data;
using Npgsql;

namespace Monitoring.Scoring.Plans;

/// <summary>
/// Daily: deletes what scoring keeps about candidates once <see cref="ScoringOptions.CandidateDataRetention"/> has
/// passed (PIPL's minimum necessary): certificates issued before then (with every hash of their candidate), and the
/// results, survey answers and staff hashes of plans final since before then. Such a plan keeps its score and breaches, is marked
/// (<c>plans.candidates_purged_at</c>) and is never scored again.
/// </summary>
public sealed class CandidateDataPurge(NpgsqlDataSource dataSource, TimeProvider time, IOptions<ScoringOptions> options, ILogger<CandidateDataPurge> logger)
    : PeriodicPurge(time, logger)
{
    protected override TimeSpan Period => TimeSpan.FromDays(1);

    protected override string What => "candidates' data past retention";

    protected override async Task RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var purged = await PurgeAsync(now - options.Value.CandidateDataRetention, ct);
        if (purged.Plans + purged.Certificates > 0)
            Logger.LogInformation("Deleted the candidates' data of {Plans} plans ({Rows} rows) and {Certificates} certificates older than {Retention}",
                purged.Plans, purged.Rows, purged.Certificates, options.Value.CandidateDataRetention);
    }

    /// <summary>What one purge deleted.</summary>
    public sealed record Purged(int Plans, int Rows, int Certificates);

    /// <summary>Deletes the candidates' data older than <paramref name="before"/>, in one transaction.</summary>
    public async Task<Purged> PurgeAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The plan rows are locked (as the rescore worker locks them), so a scoring under way finishes first.
        var plans = (await connection.QueryAsync<string>(new CommandDefinition("""
            UPDATE plans SET candidates_purged_at = @now
            WHERE candidates_purged_at IS NULL
              AND plan_id IN (SELECT plan_id FROM plan_closures WHERE coalesce(final_from, closed_at) < @before)
            RETURNING plan_id
            """, new { before, now = Time.GetUtcNow() }, transaction, cancellationToken: ct))).ToArray();
        // Every marked plan, not only today's: rows sent again for a plan purged earlier go too.
        var rows = await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM plan_results WHERE plan_id IN (SELECT plan_id FROM plans WHERE candidates_purged_at IS NOT NULL);
            DELETE FROM plan_surveys WHERE plan_id IN (SELECT plan_id FROM plans WHERE candidates_purged_at IS NOT NULL);
            DELETE FROM plan_staff_hashes WHERE plan_id IN (SELECT plan_id FROM plans WHERE candidates_purged_at IS NOT NULL);
            DELETE FROM rescore_queue WHERE plan_id = ANY(@plans);
            """, new { plans }, transaction, cancellationToken: ct));
        var certificates = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM certificates WHERE issued_at < @before", new { before }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return new Purged(plans.Length, rows, certificates);
    }
}
