using System.Text.Json.Nodes;
using Monitoring.Testing;
using Xunit;
using static Monitoring.Testing.HostileBody;

namespace Monitoring.Ingest.Tests;

/// <summary>Ingest in this test process as a class fixture: one host takes the whole corpus, and its log is checked after it.</summary>
public sealed class IngestCorpusFixture : IAsyncLifetime
{
    public IngestApp App { get; } = new();

    public Task InitializeAsync() => ((IAsyncLifetime)App).InitializeAsync();

    public async Task DisposeAsync()
    {
        try
        {
            HostileCorpus.AssertNoServerErrors(App.Log);
        }
        finally
        {
            await ((IAsyncLifetime)App).DisposeAsync();
        }
    }
}

/// <summary>
/// Hostile input to ingest's key management (<c>/api/v1/keys</c>), which the submissions' corpus
/// (<see cref="ValidationCorpusTests"/>) does not reach, and to the parameters of its other endpoints. Each is
/// refused with the status and problem details naming the field (or, where no field is at fault, the title), and
/// the service's log shows no 5xx and no unhandled exception.
/// </summary>
public sealed class HostileCorpusTests(IngestCorpusFixture fixture) : IClassFixture<IngestCorpusFixture>
{
    const string Operator = "operator", Platform = "platform", Json = HostileCase.Json;
    const string Keys = "api/v1/keys";
    const string TooLarge = "The body is too large", NotJson = "The body must be JSON", QueryTooLong = "The query string is too long";

    static JsonObject Key() => new() { ["name"] = "hangzhou-center", ["role"] = "center", ["region"] = "330100" };

    static HostileCase Issue(string name, byte[] body, string names, int status = 400, string? type = Json) =>
        new("key: " + name, Operator, HttpMethod.Post, Keys, body, type, status, names);

    static HostileCase Revoke(string name, string keyId, string names, int status = 400) =>
        new("revoke: " + name, Operator, HttpMethod.Delete, $"{Keys}/{keyId}", null, null, status, names);

    public static TheoryData<HostileCase> Corpus() =>
    [
        // POST /api/v1/keys
        Issue("name with invalid UTF-8", BrokenUtf8In(Key(), "name"), "body"),
        Issue("role with invalid UTF-8", BrokenUtf8In(Key(), "role"), "body"),
        Issue("a JSON number", Raw("42"), "body"),
        Issue("a JSON string", Raw("\"operator\""), "body"),
        Issue("empty", Raw(""), "body"),
        Issue("Content-Type text/plain", Of(Key()), NotJson, 415, "text/plain"),
        Issue("form-encoded", Raw("name=x&role=operator"), NotJson, 415, "application/x-www-form-urlencoded"),
        Issue("no Content-Type", Of(Key()), NotJson, 415, null),
        Issue("name twice", Twice(Key(), "name", "name", "other"), "name"),
        Issue("role twice in another case", Twice(Key(), "role", "Role", "operator"), "role"),
        Issue("nested 100 deep", Nested(Key(), "scopes", 100), "body"),
        Issue("name missing", Of(Key().With("name", JsonEdit.Missing)), "name"),
        Issue("name blank", Of(Key().With("name", " ")), "name"),
        Issue("name of 101 characters", Of(Key().With("name", new string('k', 101))), "name"),
        Issue("name with a NUL", Of(Key().With("name", "ops\u0000")), "name"),
        Issue("name with a line feed", Of(Key().With("name", "ops\nroot")), "name"),
        Issue("name 1e400", WithRaw(Key(), "name", "1e400"), "name"),
        Issue("role unknown", Of(Key().With("role", "admin")), "role"),
        Issue("role in another case", Of(Key().With("role", "Operator")), "role"),
        Issue("role missing", Of(Key().With("role", JsonEdit.Missing)), "role"),
        Issue("role a number", Of(Key().With("role", 3)), "role"),
        Issue("a center without a region", Of(Key().With("region", JsonEdit.Missing)), "region"),
        Issue("a center outside Zhejiang", Of(Key().With("region", "110101")), "region"),
        Issue("a center's region 99999999999999999999", WithRaw(Key(), "region", "99999999999999999999"), "region"),
        Issue("a region for a platform key", Of(Key().With("role", "platform")), "region"),
        Issue("2 MiB", Padded(Key(), 2 * 1024 * 1024), TooLarge, 413),

        // DELETE /api/v1/keys/{keyId}, GET /api/v1/keys
        Revoke("keyId not an id", "K-1", "keyId"),
        Revoke("keyId a control character", "%01", "keyId"),
        Revoke("keyId of 65 characters", new string('k', 65), "keyId"),
        Revoke("keyId .. (the path's .. is removed before routing)", "%2E%2E", "Not Found", 404),
        new("keys: a parameter with a NUL", Operator, HttpMethod.Get, Keys + "?role=%00", null, null, 400, "role"),
        new("keys: a query of 10,000 characters", Operator, HttpMethod.Get, Keys + "?x=" + new string('x', 10_000), null, null, 414, QueryTooLong),

        // The parameters of the submissions and the import
        new("close: a query of 10,000 characters", Platform, HttpMethod.Post, "api/v1/plans/P-1/close?x=" + new string('x', 10_000),
            Raw("{\"closedAt\":\"2026-12-25T10:00:00+08:00\"}"), Json, 414, QueryTooLong),
        new("close: planId twice in the query", Platform, HttpMethod.Post, "api/v1/plans/P-1/close?planId=P-1&planId=P-2",
            Raw("{\"closedAt\":\"2026-12-25T10:00:00+08:00\"}"), Json, 400, "planId"),
        new("import: a parameter with a NUL", Platform, HttpMethod.Post, "api/v1/import?dryRun=%00",
            Raw("{\"type\":\"close\",\"planId\":\"P-1\",\"body\":{\"closedAt\":\"2026-12-25T10:00:00+08:00\"}}\n"), "application/x-ndjson", 400, "dryRun"),
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public Task A_hostile_request_is_refused_with_problem_details_naming_what_is_wrong(HostileCase bad) =>
        HostileCorpus.AssertRefusedAsync(fixture.App, bad);

    [Fact]
    public void The_corpus_holds_distinct_cases_for_key_management()
    {
        var cases = ((IEnumerable<object[]>)Corpus()).Select(row => (HostileCase)row[0]).ToList();
        HostileCorpus.AssertDistinct(cases);
        Assert.Contains(cases, c => c.Method == HttpMethod.Post && c.Path == Keys);
        Assert.Contains(cases, c => c.Method == HttpMethod.Delete);
        Assert.Contains(cases, c => c.Method == HttpMethod.Get && c.Path.StartsWith(Keys, StringComparison.Ordinal));
    }
}
