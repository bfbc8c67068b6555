using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Ingest.Idempotency;
using Monitoring.Testing;
using Npgsql;
using Xunit;

namespace Monitoring.Ingest.Tests;

public sealed class IdempotencyTests(IngestApp app) : IClassFixture<IngestApp>
{
    [Fact]
    public async Task A_repeated_Idempotency_Key_returns_the_first_answer_and_publishes_one_message()
    {
        var probe = await app.Environment.BindProbeQueueAsync("PlanFiled");
        using var client = app.Client();

        var first = await SendAsync(client, "plan-key-1", Samples.Plan("P-IDEM-1"));
        var second = await SendAsync(client, "plan-key-1", Samples.Plan("P-IDEM-1"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
        // A third, different message proves the probe is live: anything the repeat published would sit before it.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("api/v1/plans", Samples.Plan("P-IDEM-MARKER"))).StatusCode);
        var published = await app.Environment.DrainAtLeastAsync(probe, 2);
        Assert.Equal(["P-IDEM-1", "P-IDEM-MARKER"], published.Select(m => m.Message.GetProperty("planId").GetString()));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_another_body_is_a_conflict()
    {
        using var client = app.Client();

        var first = await SendAsync(client, "plan-key-2", Samples.Plan("P-IDEM-2"));
        var other = await SendAsync(client, "plan-key-2", Samples.Plan("P-IDEM-2").With("candidateCount", 41));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        using var platform = app.Client();
        using var operatorClient = app.Client(app.Environment.Keys.Operator);

        var mine = await SendAsync(platform, "shared-key", Samples.Plan("P-IDEM-3"));
        var theirs = await SendAsync(operatorClient, "shared-key", Samples.Plan("P-IDEM-4"));

        Assert.Equal(HttpStatusCode.Accepted, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);
    }

    [Fact]
    public async Task A_claim_holds_while_its_request_renews_it_and_lapses_a_lease_after_the_request_died()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var lease = TimeSpan.FromSeconds(15);
        var store = new IdempotencyStore(app.Services.GetRequiredService<NpgsqlDataSource>(), time,
            Options.Create(new IngestOptions { IdempotencyLease = lease }), NullLogger<IdempotencyStore>.Instance);
        const string caller = "lease-test", key = "import-1", hash = "h";

        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(caller, key, hash, CancellationToken.None));
        await using (store.KeepLeased(caller, key))
        {
            // Three renewals carry the claim past the lease it was first given.
            for (var renewal = 1; renewal <= 3; renewal++)
            {
                time.Advance(lease / 3 + TimeSpan.FromSeconds(1));
                var expected = time.GetUtcNow() + lease;
                await Eventually.ReturnsAsync(() => LeaseUntilAsync(caller, key), until => until == expected, $"renewal {renewal}");
            }
            Assert.IsType<IdempotencyDecision.InProgress>(await store.BeginAsync(caller, key, hash, CancellationToken.None));
        }

        // The request is gone (its process killed, say): nobody renews, and once the lease passed the retry is served.
        time.Advance(lease - TimeSpan.FromSeconds(1));
        Assert.IsType<IdempotencyDecision.InProgress>(await store.BeginAsync(caller, key, hash, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.IsType<IdempotencyDecision.Proceed>(await store.BeginAsync(caller, key, hash, CancellationToken.None));
    }

    async Task<DateTimeOffset> LeaseUntilAsync(string caller, string key)
    {
        await using var connection = app.Environment.OpenConnection();
        return await connection.QuerySingleAsync<DateTimeOffset>(
            "SELECT lease_until FROM ingest.idempotency_keys WHERE caller = @caller AND idempotency_key = @key", new { caller, key });
    }

    static Task<HttpResponseMessage> SendAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/plans") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
