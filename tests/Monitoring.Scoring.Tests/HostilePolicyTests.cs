using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.Scoring.Policies;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>Scoring in this test process as a class fixture: one host takes every hostile upload in turn.</summary>
public sealed class ScoringFixture : IAsyncLifetime
{
    public ScoringApp App { get; private set; } = null!;
    public TestEnvironment Environment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment = await TestEnvironment.CreateAsync();
        App = ScoringApp.Start(Environment);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Environment.DisposeAsync();
    }
}

/// <summary>
/// Policy uploads a hostile or careless operator could send. Each is refused with 400 naming the field or the
/// rule, in the caller's terms, and the process is still there to score plans afterwards.
/// </summary>
public sealed class HostilePolicyTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    [Fact]
    public async Task A_condition_of_ten_thousand_nested_parentheses_is_refused_naming_the_rule_and_scoring_lives_on()
    {
        var when = new string('(', 10_000) + "true" + new string(')', 10_000);

        var problem = await RefusedAsync(WithExtraRule("plan.deep", when));

        Assert.Contains("rule plan.deep", Errors(problem, ".when"), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_condition_of_five_thousand_terms_is_refused_before_it_is_compiled()
    {
        var when = string.Join("+", Enumerable.Repeat("1", 5_000)) + " > 0";

        var problem = await RefusedAsync(WithExtraRule("plan.long", when));

        Assert.Contains("rule plan.long", Errors(problem, ".when"), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("300 terms", 300, 0)]
    [InlineData("60 nested parentheses", 0, 60)]
    public async Task Expressions_beyond_the_bounds_name_the_bound_in_the_refusal(string fault, int terms, int nesting)
    {
        var when = terms > 0
            ? string.Join("+", Enumerable.Repeat("1", terms)) + " > 0"
            : new string('(', nesting) + "facts.ReviewSampled > 0" + new string(')', nesting);

        var problem = await RefusedAsync(WithExtraRule("plan.bounded", when));

        var message = Errors(problem, ".when");
        Assert.Contains(terms > 0 ? "250 terms" : "16 deep", message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(fault));
    }

    [Fact]
    public async Task Points_of_1e400_are_a_validation_error_not_a_server_error()
    {
        var draft = WithExtraRule("plan.huge", "true", points: "1e400");

        var problem = await RefusedAsync(draft);

        Assert.Contains("rule plan.huge throws", Errors(problem, "]"), StringComparison.Ordinal);
        Assert.Contains("not finite", Errors(problem, "]"), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("v1\n")]
    [InlineData("v1\r\n")]
    [InlineData("v1%")]
    [InlineData("")]
    public async Task A_version_that_is_not_a_plain_name_is_refused(string version)
    {
        var draft = Draft("unused");
        draft["version"] = version;

        var problem = await RefusedAsync(draft);

        Assert.Contains("A-Z a-z 0-9", Errors(problem, "version"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_given_twice_is_refused_naming_it()
    {
        var json = Draft("twice-1").ToJsonString();
        json = "{\"version\":\"twice-0\"," + json[1..];

        var problem = await RefusedAsync(json);

        Assert.Contains("more than once", Errors(problem, "version"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_description_of_ten_megabytes_is_refused_as_too_large()
    {
        var draft = Draft("huge-description");
        draft["description"] = new string('说', 10 * 1024 * 1024);

        using var response = await Post(draft.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_forty_megabyte_body_is_413_with_problem_details()
    {
        using var response = await Post("{\"version\":\"" + new string('x', 40 * 1024 * 1024) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("description", 2_001)]
    [InlineData("reason", 501)]
    [InlineData("literal", 1_001)]
    public async Task Text_beyond_its_documented_maximum_is_refused(string field, int length)
    {
        var text = new string('文', length);
        var draft = field switch
        {
            "description" => Draft("long-text").Also(d => d["description"] = text),
            "reason" => WithExtraRule("plan.long-reason", "true", reason: text),
            _ => WithExtraRule("plan.long-literal", $"facts.PlanId != \"{text}\""),
        };

        var problem = await RefusedAsync(draft);

        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    [InlineData("{\"__proto__\": 1e400}")]
    [InlineData("{\"version\": 1e400}")]
    public async Task Bodies_of_the_wrong_shape_are_refused_without_naming_internal_types(string body)
    {
        var problem = await RefusedAsync(body);

        var text = problem.GetRawText();
        Assert.DoesNotContain("Monitoring.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_refused()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"version\":\"v"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        using var response = await fixture.App.Client(fixture.Environment.Keys.Operator).PostAsync("api/v1/policies", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    async Task AssertStillServingAsync()
    {
        using var client = fixture.App.Client(fixture.Environment.Keys.Operator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/policies")).StatusCode);
        var (document, problems) = PolicyValidator.Read(DefaultPolicy.Json());
        Assert.Empty(problems);
        Assert.Empty(await PolicyValidator.TryRunAsync(document!));
    }

    async Task<JsonElement> RefusedAsync(JsonNode draft) => await RefusedAsync(draft.ToJsonString());

    async Task<JsonElement> RefusedAsync(string body)
    {
        using var response = await Post(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    async Task<HttpResponseMessage> Post(string body)
    {
        using var client = fixture.App.Client(fixture.Environment.Keys.Operator);
        return await client.PostAsync("api/v1/policies", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    /// <summary>The messages of the error whose field ends with <paramref name="fieldEnd"/>.</summary>
    static string Errors(JsonElement problem, string fieldEnd)
    {
        var errors = problem.GetProperty("errors");
        var field = errors.EnumerateObject().FirstOrDefault(e => e.Name.EndsWith(fieldEnd, StringComparison.Ordinal));
        Assert.True(field.Value.ValueKind == JsonValueKind.Array, $"no error for *{fieldEnd} in {errors.GetRawText()}");
        return string.Join(" ", field.Value.EnumerateArray().Select(m => m.GetString()));
    }

    static JsonObject Draft(string version)
    {
        var json = JsonNode.Parse(DefaultPolicy.Json())!.AsObject();
        json["version"] = version;
        return json;
    }

    static JsonObject WithExtraRule(string id, string when, string points = "1", string reason = "测试规则")
    {
        var draft = Draft("hostile-" + id);
        draft["indicators"]![0]!["rules"]!.AsArray().Add(new JsonObject { ["id"] = id, ["when"] = when, ["points"] = points, ["reason"] = reason });
        return draft;
    }
}

static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject json, Action<JsonObject> edit)
    {
        edit(json);
        return json;
    }
}
