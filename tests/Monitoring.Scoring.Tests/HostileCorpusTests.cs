using System.Net;
using System.Text.Json.Nodes;
using Monitoring.Scoring.Policies;
using Monitoring.Testing;
using Xunit;
using static Monitoring.Testing.HostileBody;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Scoring in this test process as a class fixture, with a draft uploaded, so that what-ifs and activations meet a
/// policy that exists: one host takes the whole corpus, and its log is checked after it.
/// </summary>
public sealed class ScoringCorpusFixture : CorpusFixture<ScoringApp, Program>, IAsyncLifetime
{
    public const string Draft = "corpus-draft";

    protected override ScoringApp Start(TestEnvironment environment) => ScoringApp.Start(environment);

    protected override async Task PrepareAsync(TestEnvironment environment)
    {
        using var client = App.Client(environment.Keys.Operator);
        using var uploaded = await client.PostAsync("api/v1/policies", new ByteArrayContent(Of(HostileCorpusTests.Policy().With("version", Draft)))
        {
            Headers = { ContentType = new("application/json") },
        });
        if (uploaded.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"The corpus' draft was not uploaded: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
    }
}

/// <summary>
/// Hostile input to every endpoint of scoring, one fault per case: policy uploads, what-if periods, activations,
/// and the parameters of every read. Each is refused with the status and problem details naming the field (or,
/// where no field is at fault, the title), and the service's log shows no 5xx and no unhandled exception.
/// </summary>
public sealed class HostileCorpusTests(ScoringCorpusFixture fixture) : IClassFixture<ScoringCorpusFixture>
{
    const string Operator = "operator", Center = "center", Json = HostileCase.Json;
    const string Policies = "api/v1/policies";
    const string Draft = Policies + "/" + ScoringCorpusFixture.Draft;
    const string TooLarge = "The body is too large", NotJson = "The body must be JSON", QueryTooLong = "The query string is too long";
    const string December = "from=2026-12-01T00:00:00%2B08:00&to=2027-01-01T00:00:00%2B08:00";
    const int MiB = 1024 * 1024;
    static readonly string Long = new('v', 65);

    /// <summary>The default policy as a draft: every case changes one thing of it.</summary>
    public static JsonObject Policy() => JsonNode.Parse(DefaultPolicy.Json())!.AsObject().With("version", "hostile-1");

    static JsonObject Activation() => new() { ["activeFrom"] = "2027-01-01T00:00:00+08:00" };

    static HostileCase Upload(string name, byte[] body, string names, int status = 400, string? type = Json) =>
        new("upload: " + name, Operator, HttpMethod.Post, Policies, body, type, status, names);

    static HostileCase WhatIf(string name, string query, string names, int status = 400, string path = Draft) =>
        new("what-if: " + name, Operator, HttpMethod.Post, $"{path}/what-if?{query}", null, null, status, names);

    static HostileCase Activate(string name, byte[] body, string names, int status = 400, string? type = Json, string path = Draft) =>
        new("activate: " + name, Operator, HttpMethod.Post, path + "/activate", body, type, status, names);

    static HostileCase Get(string name, string caller, string path, string names, int status = 400) =>
        new(name, caller, HttpMethod.Get, path, null, null, status, names);

    public static TheoryData<HostileCase> Corpus() =>
    [
        // POST /api/v1/policies
        Upload("description with invalid UTF-8", BrokenUtf8In(Policy(), "description"), "body"),
        Upload("a JSON array", Raw("[]"), "body"),
        Upload("JSON null", Raw("null"), "body"),
        Upload("a JSON string", Raw("\"zj-default\""), "body"),
        Upload("empty", Raw(""), "body"),
        Upload("cut off", Raw("{\"version\": \"v"), "body"),
        Upload("Content-Type text/plain", Of(Policy()), NotJson, 415, "text/plain"),
        Upload("Content-Type application/yaml", Raw("version: v1\n"), NotJson, 415, "application/yaml"),
        Upload("no Content-Type", Of(Policy()), NotJson, 415, null),
        Upload("description twice", Twice(Policy(), "description", "description", "另一份说明"), "description"),
        Upload("version twice in another case", Twice(Policy(), "version", "Version", "hostile-0"), "version"),
        Upload("nested 100 deep", Nested(Policy(), "notes", 100), "body"),
        Upload("version 1e400", WithRaw(Policy(), "version", "1e400"), "version"),
        Upload("version 99999999999999999999", WithRaw(Policy(), "version", "99999999999999999999"), "version"),
        Upload("version missing", Of(Policy().With("version", JsonEdit.Missing)), "version"),
        Upload("version null", Of(Policy().With("version", null)), "version"),
        Upload("version with a NUL", Of(Policy().With("version", "v1\u0000")), "version"),
        Upload("version of 65 characters", Of(Policy().With("version", Long)), "version"),
        Upload("version ..", Of(Policy().With("version", "..")), "version"),
        Upload("version a path", Of(Policy().With("version", "../v1")), "version"),
        Upload("description of 2001 characters", Of(Policy().With("description", new string('说', 2001))), "description"),
        Upload("description with a NUL", Of(Policy().With("description", "说明\u0000")), "description"),
        Upload("an unknown field", Of(Policy().With("author", "someone")), "author"),
        Upload("indicators an object", Of(Policy().With("indicators", new JsonObject())), "indicators"),
        Upload("indicators empty", Of(Policy().With("indicators", new JsonArray())), "indicators"),
        Upload("an unknown indicator", Of(Policy().With("indicators[0].indicator", "bribery")), "indicators"),
        Upload("weight 1e400", Raw(Policy().ToJsonString().Replace("\"weight\":10", "\"weight\":1e400", StringComparison.Ordinal)), "indicators[0].weight"),
        Upload("weight 99999999999999999999", Of(Policy().With("indicators[0].weight", 99_999_999_999_999_999_999m)), "indicators"),
        Upload("weight a string", Of(Policy().With("indicators[0].weight", "10")), "indicators[0].weight"),
        Upload("weight negative", Of(Policy().With("indicators[0].weight", -10)), "indicators[0].weight"),
        Upload("indicators nested 64 deep", Nested(Policy(), "indicators", 64), "body"),
        Upload("10,001 rules in one indicator", Of(Policy().With("indicators[0].rules",
            new JsonArray([.. Enumerable.Range(0, 10_001).Select(_ => (JsonNode)new JsonObject())]))), "indicators[0].rules"),
        Upload("a rule without an id", Of(Policy().With("indicators[0].rules[0].id", JsonEdit.Missing)), "indicators[0].rules[0].id"),
        Upload("a rule id with a line feed", Of(Policy().With("indicators[0].rules[0].id", "plan.x\n")), "indicators[0].rules[0].id"),
        Upload("a breach of an unknown level", Of(Policy().With("indicators[0].rules[3].breach.level", "purple")), "indicators[0].rules[3].breach.level"),
        Upload("an unknown event", Of(Policy().With("indicators[0].rules[0].event", "plan-closure")), "indicators[0].rules[0].event"),
        Upload("a condition that is a number", Of(Policy().With("indicators[0].rules[0].when", 1)), "indicators[0].rules[0].when"),
        Upload("a condition that reflects", Of(Policy().With("indicators[0].rules[0].when", "facts.GetType().Assembly != null")), "indicators[0].rules[0].when"),
        Upload("a condition of 1,001 characters", Of(Policy().With("indicators[0].rules[0].when", "true" + new string(' ', 997))), "indicators[0].rules[0].when"),
        Upload("a reason with a NUL", Of(Policy().With("indicators[0].rules[0].reason", "原因\u0000")), "indicators[0].rules[0].reason"),
        Upload("2 MiB", Padded(Policy(), 2 * MiB), TooLarge, 413),

        // POST /api/v1/policies/{version}/what-if?from=…&to=…
        WhatIf("from missing", "to=2027-01-01T00:00:00%2B08:00", "from"),
        WhatIf("to missing", "from=2026-12-01T00:00:00%2B08:00", "to"),
        WhatIf("from a word", "from=yesterday&to=2027-01-01T00:00:00%2B08:00", "from"),
        WhatIf("to 1e400", "from=2026-12-01T00:00:00%2B08:00&to=1e400", "to"),
        WhatIf("from 99999999999999999999", "from=99999999999999999999&to=2027-01-01T00:00:00%2B08:00", "from"),
        WhatIf("from a date only", "from=2026-12-01&to=2027-01-01T00:00:00%2B08:00", "from"),
        WhatIf("from with its + not encoded", "from=2026-12-01T00:00:00+08:00&to=2027-01-01T00:00:00%2B08:00", "from"),
        WhatIf("reversed", "from=2027-01-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00", "to"),
        WhatIf("empty", "from=2026-12-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00", "to"),
        WhatIf("from in the year 1", "from=0001-01-01T00:00:00Z&to=2027-01-01T00:00:00%2B08:00", "from"),
        WhatIf("to in the year 9999", "from=2026-12-01T00:00:00%2B08:00&to=9999-12-31T23:59:59Z", "to"),
        WhatIf("from twice", December + "&from=2026-11-01T00:00:00%2B08:00", "from"),
        WhatIf("from with a NUL", "from=2026-12-01T00:00:00%2B08:00%00&to=2027-01-01T00:00:00%2B08:00", "from"),
        WhatIf("version with a space", December, "version", path: Policies + "/v%201"),
        WhatIf("version of 65 characters", December, "version", path: $"{Policies}/{Long}"),
        WhatIf("version never uploaded", December, "No such policy", 404, path: Policies + "/never-uploaded"),
        WhatIf("a query of 10,000 characters", December + "&x=" + new string('x', 10_000), QueryTooLong, 414),

        // POST /api/v1/policies/{version}/activate
        Activate("activeFrom a word", Of(Activation().With("activeFrom", "tomorrow")), "activeFrom"),
        Activate("activeFrom 1e400", WithRaw(Activation(), "activeFrom", "1e400"), "activeFrom"),
        Activate("activeFrom true", Of(Activation().With("activeFrom", true)), "activeFrom"),
        Activate("activeFrom in the year 1", Of(Activation().With("activeFrom", "0001-01-01T00:00:00+00:00")), "activeFrom"),
        Activate("activeFrom in 2101", Of(Activation().With("activeFrom", "2101-01-01T00:00:00+08:00")), "activeFrom"),
        Activate("activeFrom twice", Twice(Activation(), "activeFrom", "activeFrom", "2026-12-01T00:00:00+08:00"), "activeFrom"),
        Activate("a JSON array", Raw("[]"), "body"),
        Activate("JSON null", Raw("null"), "body"),
        Activate("activeFrom with invalid UTF-8", BrokenUtf8In(Activation(), "activeFrom"), "body"),
        Activate("Content-Type text/plain", Of(Activation()), NotJson, 415, "text/plain"),
        Activate("nested 100 deep", Nested(Activation(), "note", 100), "body"),
        Activate("2 MiB", Padded(Activation(), 2 * MiB), TooLarge, 413),
        Activate("version with CR LF", Of(Activation()), "version", path: Policies + "/v1%0D%0A"),
        Activate("version a control character", Of(Activation()), "version", path: Policies + "/%01"),

        // GET /api/v1/policies, /schema, /{version}
        Get("policy: version with a DEL", Operator, Policies + "/v%7F1", "version"),
        Get("policy: version of 65 characters", Operator, $"{Policies}/{Long}", "version"),
        Get("policy: version %", Operator, Policies + "/v1%25", "version"),
        Get("policy: version .. (the path's .. is removed before routing)", Operator, Policies + "/%2E%2E", "Not Found", 404),
        Get("policies: a parameter with a NUL", Operator, Policies + "?status=%00", "status"),
        Get("policies: version twice", Operator, Policies + "?version=v1&version=v2", "version"),
        Get("policy schema: a query of 10,000 characters", Operator, Policies + "/schema?x=" + new string('x', 10_000), QueryTooLong, 414),

        // GET /api/v1/plans/{planId}/score and /score/explain
        Get("score: planId with a space", Operator, "api/v1/plans/P%201/score", "planId"),
        Get("score: planId of 65 characters", Center, $"api/v1/plans/{new string('P', 65)}/score", "planId"),
        Get("score: planId a control character", Operator, "api/v1/plans/%01/score", "planId"),
        Get("score: planId .. (the path's .. is removed before routing)", Operator, "api/v1/plans/%2E%2E/score", "Not Found", 404),
        Get("score: planId in Chinese", Operator, "api/v1/plans/%E8%AE%A1%E5%88%92/score", "planId"),
        Get("score: planId with a trailing line feed", Center, "api/v1/plans/P-1%0A/score", "planId"),
        Get("score: an unknown parameter with a NUL", Operator, "api/v1/plans/P-1/score?at=%00", "at"),
        Get("score: a query of 10,000 characters", Operator, "api/v1/plans/P-1/score?x=" + new string('x', 10_000), QueryTooLong, 414),
        Get("explain: planId with a line feed", Center, "api/v1/plans/P-1%0A/score/explain", "planId"),
        Get("explain: planId a path", Operator, "api/v1/plans/..%2F..%2Fetc/score/explain", "planId"),
        Get("explain: planId of 1,000 characters", Operator, $"api/v1/plans/{new string('P', 1000)}/score/explain", "planId"),
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public Task A_hostile_request_is_refused_with_problem_details_naming_what_is_wrong(HostileCase bad) =>
        HostileCorpus.AssertRefusedAsync(fixture.App, bad);

    [Fact]
    public void The_corpus_holds_distinct_cases_for_every_endpoint_that_takes_input()
    {
        var cases = ((IEnumerable<object[]>)Corpus()).Select(row => (HostileCase)row[0]).ToList();
        HostileCorpus.AssertDistinct(cases);
        foreach (var endpoint in new[] { Policies, "/what-if", "/activate", "/schema", "/score", "/score/explain" })
            Assert.Contains(cases, c => c.Path.Contains(endpoint, StringComparison.Ordinal));
    }
}
