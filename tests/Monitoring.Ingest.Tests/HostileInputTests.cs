using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>
/// What an outside probe sent to ingest and got a 500, a cut connection or a wrong acceptance for. Each is
/// now a clear 4xx with problem details, or a refused import line; nothing else of the call is lost.
/// </summary>
public sealed class HostileInputTests(IngestApp app) : IClassFixture<IngestApp>
{
    public static TheoryData<string> EndpointPaths() => [.. Samples.Endpoints("P-UTF8").Select(e => e.Path)];

    [Theory]
    [MemberData(nameof(EndpointPaths))]
    public async Task A_body_that_is_not_valid_utf8_is_refused_with_400(string path)
    {
        using var client = app.Client();
        var body = Samples.Endpoints("P-UTF8").Single(e => e.Path == path).Body().ToJsonString();
        // An invalid sequence inside a string value, where a JSON reader finds it only when the value is read.
        var at = body.IndexOf("\":\"", StringComparison.Ordinal) + 3;
        byte[] bytes = [.. Encoding.UTF8.GetBytes(body[..at]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(body[at..])];
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync(path, content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains("UTF-8", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_line_that_is_not_valid_utf8_is_refused_and_the_lines_around_it_are_answered()
    {
        using var client = app.Client();
        byte[] content =
        [
            .. Encoding.UTF8.GetBytes(Line("close", "P-UTF8-A", Samples.Close()) + "\n"),
            .. Encoding.UTF8.GetBytes("{\"type\":\"close\",\"planId\":\"P-UTF8-B\",\"body\":{\"closedAt\":\""), 0xFF, 0xFE,
            .. Encoding.UTF8.GetBytes("\"}}\n"),
            .. Encoding.UTF8.GetBytes(Line("close", "P-UTF8-C", Samples.Close()) + "\n"),
        ];
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");

        var response = await client.PostAsync("api/v1/import", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["accepted", "rejected", "accepted", "summary"], answers.Select(a => a["status"]!.GetValue<string>()));
        Assert.Equal(2, answers[1]["line"]!.GetValue<int>());
        Assert.Equal("UTF-8 text", answers[1]["errors"]!["line"]![0]!.GetValue<string>());
        Assert.Equal(2, answers[^1]["summary"]!["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_import_line_with_a_property_twice_is_refused_naming_it()
    {
        using var client = app.Client();
        var line = "{\"type\":\"close\",\"planId\":\"P-TWICE-1\",\"planId\":\"P-TWICE-2\",\"body\":{\"closedAt\":\"2026-12-25T10:00:00+08:00\"}}";

        var response = await client.PostAsync("api/v1/import", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"));

        var first = JsonNode.Parse((await response.Content.ReadAsStringAsync()).Split('\n')[0])!;
        Assert.Equal("rejected", first["status"]!.GetValue<string>());
        Assert.NotNull(first["errors"]!["planId"]);
    }

    [Theory]
    [InlineData("P-1%0A")]
    [InlineData("P-1%0D%0A")]
    [InlineData("P-1%09")]
    public async Task A_plan_id_in_the_path_with_a_control_character_is_refused(string planId)
    {
        using var client = app.Client();

        var response = await client.PostAsync($"api/v1/plans/{planId}/close",
            new StringContent(Samples.Close().ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("planId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_request_with_the_role_twice_is_refused_and_issues_no_key()
    {
        using var client = app.Client(app.Environment.Keys.Operator);

        var response = await client.PostAsync("api/v1/keys",
            new StringContent("{\"name\":\"x\",\"role\":\"center\",\"role\":\"platform\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.Environment.CountAsync("SELECT count(*) FROM ingest.api_keys WHERE name = 'x'"));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"name\":\"x\",\"role\":\"center\",\"region\":\"330100\\n\"}")]
    public async Task A_key_request_that_is_not_a_key_request_is_refused(string body)
    {
        using var client = app.Client(app.Environment.Keys.Operator);

        var response = await client.PostAsync("api/v1/keys", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_forty_megabyte_key_request_is_413_with_problem_details()
    {
        using var client = app.Client(app.Environment.Keys.Operator);

        var response = await client.PostAsync("api/v1/keys",
            new StringContent("{\"name\":\"" + new string('x', 40 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Two_hundred_requests_with_wrong_keys_meet_429_once_the_address_used_up_its_failures()
    {
        // From an address of its own: the address is refused for the rest of the window, and this fixture's other tests
        // (from the in-memory server's address) go on.
        var address = System.Net.IPAddress.Parse("192.0.2.200");
        using var client = app.ClientFrom(address, "not-a-key-" + Guid.NewGuid());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
            statuses.Add((await client.GetAsync("api/v1/keys")).StatusCode);

        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));
        // Health and metrics stay open to probes and scrapers whatever the address did.
        using var anonymous = app.ClientFrom(address);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("health/live")).StatusCode);
    }

    static string Line(string type, string? planId, JsonObject body) => JsonSerializer.Serialize(new { type, planId, body });
}
