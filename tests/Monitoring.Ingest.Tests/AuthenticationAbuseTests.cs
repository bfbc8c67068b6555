using System.Net;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>
/// Ingest allowing five failed authentications an address within ten minutes, and remembering unknown keys as long: a
/// test's window never passes while it runs, and a key the cache forgot early shows as a second look-up. Each test
/// sends from addresses of its own (the in-memory server has none unless the client sets one).
/// </summary>
public sealed class GuardedIngestApp : IngestApp
{
    public const int Limit = 5;

    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>(base.Overrides)
    {
        ["Access:FailedAuthenticationLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Access:FailedAuthenticationWindow"] = "00:10:00",
        ["Access:UnknownKeyCacheDuration"] = "00:05:00",
    };
}

/// <summary>Ingest whose window of failed authentications is two seconds: long enough to be refused in, short enough to wait out.</summary>
public sealed class BriefWindowIngestApp : IngestApp
{
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>(base.Overrides)
    {
        ["Access:FailedAuthenticationLimit"] = "3",
        ["Access:FailedAuthenticationWindow"] = "00:00:02",
    };
}

/// <summary>
/// Guessing keys and flooding with bad ones: a client address gets a few failed authentications a window, then 429
/// with <c>Retry-After</c> for everything that needs a key until the window passes; unknown keys are remembered, so a
/// flood of one bad key is one database query. The limit is shared code (services/defaults/Access): every service has it.
/// </summary>
public sealed class AuthenticationAbuseTests(GuardedIngestApp app) : IClassFixture<GuardedIngestApp>
{
    [Fact]
    public async Task After_its_failures_an_address_gets_429_with_Retry_After_even_with_a_valid_key_while_other_addresses_go_on()
    {
        var guesser = IPAddress.Parse("198.51.100.7");
        using var guessing = app.ClientFrom(guesser, "mk_guess-" + Guid.NewGuid());
        using var metrics = app.CreateClient();
        var failuresBefore = await MetricsText.SampleAsync(metrics, "monitoring_auth_failures_total", "reason=\"unknown\"");
        var limitedBefore = await MetricsText.SampleAsync(metrics, "monitoring_auth_limited_total");

        for (var i = 0; i < GuardedIngestApp.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guessing.GetAsync("api/v1/keys")).StatusCode);
        var refused = await guessing.GetAsync("api/v1/keys");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // A valid key from that address waits too: were it let through, the 429s would tell a guesser which guesses failed.
        using (var operatorThere = app.ClientFrom(guesser, app.Environment.Keys.Operator))
            Assert.Equal(HttpStatusCode.TooManyRequests, (await operatorThere.GetAsync("api/v1/keys")).StatusCode);
        using (var anonymousThere = app.ClientFrom(guesser))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymousThere.GetAsync("api/v1/keys")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymousThere.GetAsync("health/live")).StatusCode);
        }

        using (var operatorElsewhere = app.ClientFrom(IPAddress.Parse("198.51.100.8"), app.Environment.Keys.Operator))
            Assert.Equal(HttpStatusCode.OK, (await operatorElsewhere.GetAsync("api/v1/keys")).StatusCode);
        using (var guessingElsewhere = app.ClientFrom(IPAddress.Parse("198.51.100.9"), "mk_guess-" + Guid.NewGuid()))
            Assert.Equal(HttpStatusCode.Unauthorized, (await guessingElsewhere.GetAsync("api/v1/keys")).StatusCode);

        Assert.Equal(failuresBefore + GuardedIngestApp.Limit + 1, await MetricsText.SampleAsync(metrics, "monitoring_auth_failures_total", "reason=\"unknown\""));
        Assert.Equal(limitedBefore + 3, await MetricsText.SampleAsync(metrics, "monitoring_auth_limited_total"));
    }

    [Fact]
    public async Task Requests_without_a_key_and_malformed_headers_count_as_failures_too()
    {
        var address = IPAddress.Parse("198.51.100.20");
        using var anonymous = app.ClientFrom(address);
        using var basic = app.ClientFrom(address);
        basic.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");

        for (var i = 0; i < GuardedIngestApp.Limit - 1; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("api/v1/keys")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("api/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task The_addresses_of_one_IPv6_64_share_one_budget()
    {
        for (var i = 1; i <= GuardedIngestApp.Limit; i++)
        {
            using var guessing = app.ClientFrom(IPAddress.Parse($"2001:db8:77:1::{i:x}"), "mk_guess-" + Guid.NewGuid());
            Assert.Equal(HttpStatusCode.Unauthorized, (await guessing.GetAsync("api/v1/keys")).StatusCode);
        }

        using var sameNetwork = app.ClientFrom(IPAddress.Parse("2001:db8:77:1:ffff::1"), app.Environment.Keys.Operator);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameNetwork.GetAsync("api/v1/keys")).StatusCode);
        using var nextNetwork = app.ClientFrom(IPAddress.Parse("2001:db8:77:2::1"), app.Environment.Keys.Operator);
        Assert.Equal(HttpStatusCode.OK, (await nextNetwork.GetAsync("api/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task A_flood_of_one_unknown_key_from_many_addresses_queries_the_database_once()
    {
        var key = "mk_flood-" + Guid.NewGuid();
        using var metrics = app.CreateClient();
        var lookupsBefore = await MetricsText.SampleAsync(metrics, "monitoring_auth_key_lookups_total", "outcome=\"unknown\"");

        for (var i = 1; i <= 40; i++)
        {
            using var client = app.ClientFrom(IPAddress.Parse($"203.0.113.{i}"), key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/keys")).StatusCode);
        }

        Assert.Equal(lookupsBefore + 1, await MetricsText.SampleAsync(metrics, "monitoring_auth_key_lookups_total", "outcome=\"unknown\""));
    }

    [Fact]
    public async Task A_key_tried_before_its_announcement_arrived_works_as_soon_as_it_does()
    {
        // A client uses its new key here before ingest's ApiKeyIssued reached this service: refused, and remembered as
        // unknown for five minutes. The announcement must end that at once, not five minutes later.
        var key = "mk_fresh-" + Guid.NewGuid();
        var attempt = 0;
        HttpClient From() => app.ClientFrom(IPAddress.Parse($"192.0.2.{++attempt}"), key);
        using (var early = From())
            Assert.Equal(HttpStatusCode.Unauthorized, (await early.GetAsync("api/v1/keys")).StatusCode);

        await using var bus = await TestBus.StartAsync(app.Environment);
        await bus.PublishAsync(new ApiKeyIssued(Guid.CreateVersion7(), "late-operator", AccessRole.Operator, null, TestKeys.Hash(key), DateTimeOffset.UtcNow));

        await Eventually.ReturnsAsync(async () =>
        {
            using var client = From();
            return (await client.GetAsync("api/v1/keys")).StatusCode;
        }, status => status == HttpStatusCode.OK, "the announced key to be accepted", within: TimeSpan.FromSeconds(20));
    }
}

public sealed class AuthenticationWindowTests(BriefWindowIngestApp app) : IClassFixture<BriefWindowIngestApp>
{
    [Fact]
    public async Task An_address_refused_for_its_failures_is_admitted_again_once_the_window_passes()
    {
        // System.Threading.RateLimiting's windows run on the monotonic clock, not a TimeProvider: this waits (2 s) for real.
        var address = IPAddress.Parse("198.51.100.77");
        using var guessing = app.ClientFrom(address, "mk_guess-" + Guid.NewGuid());
        using var operatorThere = app.ClientFrom(address, app.Environment.Keys.Operator);
        var statuses = new List<HttpStatusCode>();
        while (statuses.LastOrDefault() != HttpStatusCode.TooManyRequests && statuses.Count < 20)
            statuses.Add((await guessing.GetAsync("api/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.ReturnsAsync(async () => (await operatorThere.GetAsync("api/v1/keys")).StatusCode, s => s == HttpStatusCode.OK,
            "the operator's key to be admitted from the address again", within: TimeSpan.FromSeconds(10));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }
}
