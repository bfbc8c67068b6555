using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>Every ingest endpoint with a valid body: 202 once the broker has the messages, and exactly those messages.</summary>
public sealed class SubmissionTests(IngestApp app) : IClassFixture<IngestApp>
{
    public static TheoryData<string> Types() => [.. Samples.Endpoints("P-1").Select(e => e.Type)];

    [Theory]
    [MemberData(nameof(Types))]
    public async Task A_valid_submission_is_accepted_and_published_as_its_contract_messages(string type)
    {
        var planId = "P-HAPPY-" + type;
        var endpoint = Samples.Endpoints(planId).Single(e => e.Type == type);
        var probe = await app.Environment.BindProbeQueueAsync(endpoint.MessageType);
        using var client = app.Client();

        var response = await client.PostAsJsonAsync(endpoint.Path, endpoint.Body());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(endpoint.Facts, answer.GetProperty("accepted").GetInt32());
        var ids = answer.GetProperty("messageIds").EnumerateArray().Select(i => i.GetString()!).ToList();
        var published = await app.Environment.DrainAtLeastAsync(probe, endpoint.Messages);
        Assert.Equal(ids.Order(), published.Select(m => m.MessageId).Order());
        if (type == "application")
            Assert.All(published, m => Assert.Equal("A-2026-0001", m.Message.GetProperty("applicationId").GetString()));
        else if (type == "site")
            Assert.All(published, m => Assert.Equal("KD330106001", m.Message.GetProperty("siteCode").GetString()));
        else if (type != "certificates")
            Assert.All(published, m => Assert.Equal(planId, m.Message.GetProperty("planId").GetString()));
    }

    [Fact]
    public async Task The_same_fact_sent_twice_travels_under_the_same_message_id_so_inboxes_drop_the_copy()
    {
        var probe = await app.Environment.BindProbeQueueAsync("PlanClosed");
        using var client = app.Client();

        var first = await client.PostAsJsonAsync("api/v1/plans/P-TWICE/close", Samples.Close());
        var second = await client.PostAsJsonAsync("api/v1/plans/P-TWICE/close", Samples.Close());
        var corrected = await client.PostAsJsonAsync("api/v1/plans/P-TWICE/close", Samples.Close().With("closedAt", "2026-12-26T10:00:00+08:00"));

        var published = await app.Environment.DrainAtLeastAsync(probe, 3);
        Assert.All(new[] { first, second, corrected }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(3, published.Count);
        Assert.Equal(published[0].MessageId, published[1].MessageId);
        Assert.NotEqual(published[0].MessageId, published[2].MessageId);
    }

    [Fact]
    public async Task The_pools_size_travels_with_the_examiners_in_schema_version_2_and_a_dispatch_without_it_stays_valid()
    {
        var probe = await app.Environment.BindProbeQueueAsync("ExaminersDispatched");
        using var client = app.Client();

        var with = await client.PostAsJsonAsync("api/v1/plans/P-POOL-1/examiners", Samples.Examiners().With("poolSize", 40));
        var without = await client.PostAsJsonAsync("api/v1/plans/P-POOL-2/examiners", Samples.Examiners());

        Assert.All(new[] { with, without }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var published = (await app.Environment.DrainAtLeastAsync(probe, 2)).Select(m => m.Message)
            .ToDictionary(m => m.GetProperty("planId").GetString()!);
        Assert.Equal(40, published["P-POOL-1"].GetProperty("poolSize").GetInt32());
        Assert.Equal(JsonValueKind.Null, published["P-POOL-2"].GetProperty("poolSize").ValueKind);
        Assert.All(published.Values, m => Assert.Equal(2, m.GetProperty("schemaVersion").GetInt32()));
    }

    [Fact]
    public async Task Times_without_an_offset_are_read_as_Asia_Shanghai()
    {
        var probe = await app.Environment.BindProbeQueueAsync("PlanClosed");
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("api/v1/plans/P-LOCAL-TIME/close", Samples.Close().With("closedAt", "2026-12-25T10:00:00"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = (await app.Environment.DrainAtLeastAsync(probe, 1)).Single().Message;
        Assert.Equal(DateTimeOffset.Parse("2026-12-25T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            message.GetProperty("closedAt").GetDateTimeOffset());
    }
}
