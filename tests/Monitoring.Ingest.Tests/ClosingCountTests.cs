using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Ingest.Publishing;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>A closing carries how many distinct messages about its plan ingest accepted, by endpoint and by import alike.</summary>
public sealed class ClosingCountTests(IngestApp app) : IClassFixture<IngestApp>
{
    [Fact]
    public async Task A_closing_counts_the_plans_messages_once_each_and_nothing_of_other_plans_or_certificates()
    {
        var probe = await app.Environment.BindProbeQueueAsync("PlanClosed");
        using var client = app.Client();
        const string planId = "P-COUNTED";

        // Four messages: the plan, a review, results (one message for three) and a disclosure; the review twice (one
        // message id), another plan's results and certificates do not count.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("api/v1/plans", Samples.Plan(planId))).StatusCode);
        foreach (var _ in new[] { 1, 2 })
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"api/v1/plans/{planId}/qualification-review", Samples.QualificationReview())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"api/v1/plans/{planId}/results", Samples.Results())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("api/v1/plans/P-NOT-COUNTED/results", Samples.Results())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("api/v1/certificates", Samples.Certificates())).StatusCode);
        // The disclosure and the closing in one import: a fact earlier in the same batch counts too.
        var import = string.Join("\n",
            JsonSerializer.Serialize(new { type = "disclosures", planId, body = Samples.Disclosure() }),
            JsonSerializer.Serialize(new { type = "close", planId, body = Samples.Close() }));
        using var imported = await client.PostAsync("api/v1/import", new StringContent(import, Encoding.UTF8, "application/x-ndjson"));
        Assert.Contains("\"accepted\"", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The same closing again by its endpoint: the count has not moved.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"api/v1/plans/{planId}/close", Samples.Close())).StatusCode);

        var closings = await app.Environment.DrainAtLeastAsync(probe, 2);
        Assert.All(closings, c => Assert.Equal(4, c.Message.GetProperty("acceptedMessages").GetInt32()));
        Assert.All(closings, c => Assert.Equal(2, c.Message.GetProperty("schemaVersion").GetInt32()));
        Assert.Equal(closings[0].MessageId, closings[1].MessageId);
    }

    [Fact]
    public async Task The_ledger_of_a_plan_quiet_longer_than_the_retention_is_dropped_whole()
    {
        await using (var connection = app.Environment.OpenConnection())
        {
            // P-QUIET's last message is 500 days old; P-ALIVE has an old message too, but also a recent one.
            await connection.ExecuteAsync("""
                INSERT INTO ingest.plan_messages (plan_id, message_id, recorded_at) VALUES
                    ('P-QUIET', gen_random_uuid(), now() - interval '600 days'),
                    ('P-QUIET', gen_random_uuid(), now() - interval '500 days'),
                    ('P-ALIVE', gen_random_uuid(), now() - interval '600 days'),
                    ('P-ALIVE', gen_random_uuid(), now() - interval '1 day');
                """);
        }

        // The hourly purge also runs once at start, and may have come first: what counts is what is left.
        await app.Services.GetRequiredService<PlanLedger>().PurgeAsync(DateTimeOffset.UtcNow.AddDays(-400), CancellationToken.None);

        Assert.Equal(0, await app.Environment.CountAsync("SELECT count(*) FROM ingest.plan_messages WHERE plan_id = 'P-QUIET'"));
        Assert.Equal(2, await app.Environment.CountAsync("SELECT count(*) FROM ingest.plan_messages WHERE plan_id = 'P-ALIVE'"));
    }
}
