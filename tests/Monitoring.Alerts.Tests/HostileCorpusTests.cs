using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Testing;
using Xunit;
using static Monitoring.Testing.HostileBody;

namespace Monitoring.Alerts.Tests;

/// <summary>Alerts in this test process as a class fixture: one host takes the whole corpus, and its log is checked after it.</summary>
public sealed class AlertsCorpusFixture : CorpusFixture<AlertsApp, Program>, IAsyncLifetime
{
    protected override AlertsApp Start(TestEnvironment environment) => AlertsApp.Start(environment, new FakeTimeProvider(Scenario.Start));
}

/// <summary>
/// Hostile input to every endpoint of alerts, one fault per case: rectification submissions and reviews,
/// termination decisions, webhook management, and the parameters of every read. Each is refused with the status
/// and problem details naming the field (or, where no field is at fault, the title), and the service's log shows
/// no 5xx and no unhandled exception.
/// </summary>
public sealed class HostileCorpusTests(AlertsCorpusFixture fixture) : IClassFixture<AlertsCorpusFixture>
{
    const string Platform = "platform", Center = "center", Operator = "operator", Json = HostileCase.Json;
    const string Task = "api/v1/rectifications/0190a5c2-2f4b-7cc1-9d3e-5b8f6a1c2d3e";
    const string Decision = "api/v1/terminations/P-1/decision";
    const string Webhooks = "api/v1/webhooks";
    const string Warning = "api/v1/warnings/0190a5c2-2f4b-7cc1-9d3e-5b8f6a1c2d3f";
    const string TooLarge = "The body is too large", NotJson = "The body must be JSON", NotFound = "Not Found";
    const int MiB = 1024 * 1024;
    static readonly string Long = new('w', 65);

    static JsonObject Submission() => new() { ["submittedAt"] = "2026-02-10T10:00:00+08:00", ["summary"] = "已补装考场摄像头并重新组织考评人员培训" };

    static JsonObject Review() => new() { ["outcome"] = "passed", ["reviewedAt"] = "2026-02-12T10:00:00+08:00", ["reviewer"] = "杭州市技能评价中心 张三" };

    static JsonObject Termination() => new() { ["confirm"] = true, ["reason"] = "资格审核抽查不符合报名条件人数达到三分之一" };

    // A public address written as an IP: the corpus never waits for DNS.
    static JsonObject Webhook() => new() { ["region"] = "330100", ["url"] = "https://93.184.215.14/monitoring" };

    static HostileCase Submit(string name, byte[] body, string names, int status = 400, string? type = Json, string path = Task + "/submission") =>
        new("submission: " + name, Platform, HttpMethod.Post, path, body, type, status, names);

    static HostileCase Reviewed(string name, byte[] body, string names, int status = 400, string? type = Json, string path = Task + "/review") =>
        new("review: " + name, Center, HttpMethod.Post, path, body, type, status, names);

    static HostileCase Decide(string name, byte[] body, string names, int status = 400, string? type = Json, string path = Decision) =>
        new("decision: " + name, Center, HttpMethod.Post, path, body, type, status, names);

    static HostileCase Register(string name, byte[] body, string names, int status = 400, string? type = Json) =>
        new("webhook: " + name, Operator, HttpMethod.Post, Webhooks, body, type, status, names);

    static HostileCase Get(string name, string caller, string path, string names, int status = 400) =>
        new(name, caller, HttpMethod.Get, path, null, null, status, names);

    static HostileCase Post(string name, string caller, string path, string names, int status = 400) =>
        new(name, caller, HttpMethod.Post, path, null, null, status, names);

    public static TheoryData<HostileCase> Corpus() =>
    [
        // POST /api/v1/rectifications/{taskId}/submission (platform)
        Submit("summary with invalid UTF-8", BrokenUtf8In(Submission(), "summary"), "body"),
        Submit("submittedAt with invalid UTF-8", BrokenUtf8In(Submission(), "submittedAt"), "body"),
        Submit("a JSON array", Raw("[]"), "body"),
        Submit("a JSON string", Raw("\"submitted\""), "body"),
        Submit("JSON null", Raw("null"), "body"),
        Submit("empty", Raw(""), "body"),
        Submit("cut off", Raw("{\"summary\": "), "body"),
        Submit("Content-Type text/plain", Of(Submission()), NotJson, 415, "text/plain"),
        Submit("form-encoded", Raw("summary=done"), NotJson, 415, "application/x-www-form-urlencoded"),
        Submit("no Content-Type", Of(Submission()), NotJson, 415, null),
        Submit("summary twice", Twice(Submission(), "summary", "summary", "已整改"), "summary"),
        Submit("summary twice in another case", Twice(Submission(), "summary", "Summary", "已整改"), "summary"),
        Submit("nested 100 deep", Nested(Submission(), "evidence", 100), "body"),
        Submit("submittedAt 1e400", WithRaw(Submission(), "submittedAt", "1e400"), "submittedAt"),
        Submit("submittedAt 99999999999999999999", WithRaw(Submission(), "submittedAt", "99999999999999999999"), "submittedAt"),
        Submit("submittedAt missing", Of(Submission().With("submittedAt", JsonEdit.Missing)), "submittedAt"),
        Submit("submittedAt in 1999", Of(Submission().With("submittedAt", "1999-02-10T10:00:00+08:00")), "submittedAt"),
        Submit("submittedAt a time of day", Of(Submission().With("submittedAt", "10:00")), "submittedAt"),
        Submit("summary missing", Of(Submission().With("summary", JsonEdit.Missing)), "summary"),
        Submit("summary blank", Of(Submission().With("summary", "  \n ")), "summary"),
        Submit("summary of 4001 characters", Of(Submission().With("summary", new string('改', 4001))), "summary"),
        Submit("summary with a NUL", Of(Submission().With("summary", "已整改\u0000")), "summary"),
        Submit("summary a number", Of(Submission().With("summary", 42)), "summary"),
        Submit("2 MiB", Padded(Submission(), 2 * MiB), TooLarge, 413),
        Submit("taskId not an id", Of(Submission()), "taskId", path: "api/v1/rectifications/T-1/submission"),
        Submit("taskId a control character", Of(Submission()), "taskId", path: "api/v1/rectifications/%01/submission"),
        Submit("taskId of 65 characters", Of(Submission()), "taskId", path: $"api/v1/rectifications/{Long}/submission"),

        // POST /api/v1/rectifications/{taskId}/review (center)
        Reviewed("reviewer with invalid UTF-8", BrokenUtf8In(Review(), "reviewer"), "body"),
        Reviewed("a JSON array of numbers", Raw("[1, 2]"), "body"),
        Reviewed("Content-Type text/plain", Of(Review()), NotJson, 415, "text/plain"),
        Reviewed("outcome twice", Twice(Review(), "outcome", "outcome", "failed"), "outcome"),
        Reviewed("nested 65 deep", Nested(Review(), "notes", 65), "body"),
        Reviewed("outcome unknown", Of(Review().With("outcome", "approved")), "outcome"),
        Reviewed("outcome in another case", Of(Review().With("outcome", "Passed")), "outcome"),
        Reviewed("outcome a number", Of(Review().With("outcome", 1)), "outcome"),
        Reviewed("outcome missing", Of(Review().With("outcome", JsonEdit.Missing)), "outcome"),
        Reviewed("reviewedAt missing", Of(Review().With("reviewedAt", JsonEdit.Missing)), "reviewedAt"),
        Reviewed("reviewedAt a word", Of(Review().With("reviewedAt", "next week")), "reviewedAt"),
        Reviewed("reviewedAt 1e400", WithRaw(Review(), "reviewedAt", "1e400"), "reviewedAt"),
        Reviewed("reviewedAt in 2101", Of(Review().With("reviewedAt", "2101-01-01T10:00:00+08:00")), "reviewedAt"),
        Reviewed("reviewer missing", Of(Review().With("reviewer", JsonEdit.Missing)), "reviewer"),
        Reviewed("reviewer of 101 characters", Of(Review().With("reviewer", new string('张', 101))), "reviewer"),
        Reviewed("reviewer with a line break", Of(Review().With("reviewer", "张三\r\n李四")), "reviewer"),
        Reviewed("2 MiB", Padded(Review(), 2 * MiB), TooLarge, 413),
        Reviewed("taskId .. (the path's .. is removed before routing)", Of(Review()), NotFound, 404, path: "api/v1/rectifications/%2E%2E/review"),

        // POST /api/v1/terminations/{planId}/decision (center)
        Decide("reason with invalid UTF-8", BrokenUtf8In(Termination(), "reason"), "body"),
        Decide("JSON null", Raw("null"), "body"),
        Decide("Content-Type application/xml", Raw("<decision confirm=\"true\"/>"), NotJson, 415, "application/xml"),
        Decide("confirm twice", Twice(Termination(), "confirm", "confirm", false), "confirm"),
        Decide("nested 100 deep", Nested(Termination(), "reason", 100), "body"),
        Decide("confirm \"yes\"", Of(Termination().With("confirm", "yes")), "confirm"),
        Decide("confirm 1", Of(Termination().With("confirm", 1)), "confirm"),
        Decide("confirm 1e400", WithRaw(Termination(), "confirm", "1e400"), "confirm"),
        Decide("confirm missing", Of(Termination().With("confirm", JsonEdit.Missing)), "confirm"),
        Decide("confirm null", Of(Termination().With("confirm", null)), "confirm"),
        Decide("reason of 2001 characters", Of(Termination().With("reason", new string('因', 2001))), "reason"),
        Decide("reason with a NUL", Of(Termination().With("reason", "因\u0000")), "reason"),
        Decide("reason a number", Of(Termination().With("reason", 3)), "reason"),
        Decide("outcome not a decision", Of(Termination().With("outcome", "cancel")), "outcome"),
        Decide("outcome in capitals", Of(Termination().With("outcome", "RETURN")), "outcome"),
        Decide("outcome a boolean", Of(Termination().With("outcome", true)), "outcome"),
        Decide("outcome with a rejection", Of(Termination().With("confirm", false).With("outcome", "return")), "outcome"),
        Decide("2 MiB", Padded(Termination(), 2 * MiB), TooLarge, 413),
        Decide("planId with a space", Of(Termination()), "planId", path: "api/v1/terminations/P%201/decision"),
        Decide("planId of 65 characters", Of(Termination()), "planId", path: $"api/v1/terminations/{Long}/decision"),
        Decide("planId a DEL", Of(Termination()), "planId", path: "api/v1/terminations/P%7F/decision"),
        Decide("planId .. (the path's .. is removed before routing)", Of(Termination()), NotFound, 404, path: "api/v1/terminations/%2E%2E/decision"),

        // POST /api/v1/webhooks (operator)
        Register("url with invalid UTF-8", BrokenUtf8In(Webhook(), "url"), "body"),
        Register("a JSON number", Raw("42"), "body"),
        Register("Content-Type text/plain", Of(Webhook()), NotJson, 415, "text/plain"),
        Register("url twice", Twice(Webhook(), "url", "url", "http://127.0.0.1/"), "url"),
        Register("nested 100 deep", Nested(Webhook(), "headers", 100), "body"),
        Register("region missing", Of(Webhook().With("region", JsonEdit.Missing)), "region"),
        Register("region outside Zhejiang", Of(Webhook().With("region", "110101")), "region"),
        Register("region a number", Of(Webhook().With("region", 330100)), "region"),
        Register("region 1e400", WithRaw(Webhook(), "region", "1e400"), "region"),
        Register("url missing", Of(Webhook().With("url", JsonEdit.Missing)), "url"),
        Register("url ftp", Of(Webhook().With("url", "ftp://93.184.215.14/hooks")), "url"),
        Register("url with credentials", Of(Webhook().With("url", "https://user:secret@93.184.215.14/hooks")), "url"),
        Register("url of 2049 characters", Of(Webhook().With("url", "https://93.184.215.14/" + new string('h', 2049 - 22))), "url"),
        Register("url with a space", Of(Webhook().With("url", "https://93.184.215.14/a hook")), "url"),
        Register("url to loopback", Of(Webhook().With("url", "https://127.0.0.1/hooks")), "url"),
        Register("url to loopback in hex", Of(Webhook().With("url", "https://0x7f000001/hooks")), "url"),
        Register("url to loopback mapped in IPv6", Of(Webhook().With("url", "https://[::ffff:127.0.0.1]/hooks")), "url"),
        Register("url to the cloud metadata address", Of(Webhook().With("url", "https://169.254.169.254/latest/meta-data")), "url"),
        Register("url whose host has 300 characters", Of(Webhook().With("url", $"https://{string.Join('.', Enumerable.Repeat(new string('h', 59), 5))}.example/")), "url"),
        Register("url whose host has a zero-width space", Of(Webhook().With("url", "https://hooks\u200B.example.com/")), "url"),
        Register("url whose host has a label of 64 characters", Of(Webhook().With("url", $"https://{new string('h', 64)}.example.com/")), "url"),
        Register("url a number", Of(Webhook().With("url", 8080)), "url"),
        Register("2 MiB", Padded(Webhook(), 2 * MiB), TooLarge, 413),
        Get("webhook deliveries: webhookId not an id", Operator, "api/v1/webhooks/W-1/deliveries", "webhookId"),
        new("webhook delete: webhookId a control character", Operator, HttpMethod.Delete, "api/v1/webhooks/%01", null, null, 400, "webhookId"),
        new("webhook delete: webhookId of 65 characters", Operator, HttpMethod.Delete, $"api/v1/webhooks/{Long}", null, null, 400, "webhookId"),

        // GET /api/v1/warnings and a warning's steps
        Get("warnings: region 1e400", Center, "api/v1/warnings?region=1e400", "region"),
        Get("warnings: region 99999999999999999999", Center, "api/v1/warnings?region=99999999999999999999", "region"),
        Get("warnings: region twice", Operator, "api/v1/warnings?region=330100&region=330200", "region"),
        Get("warnings: status unknown", Center, "api/v1/warnings?status=closed", "status"),
        Get("warnings: status twice", Center, "api/v1/warnings?status=open&status=resolved", "status"),
        Get("warnings: status of 10,000 characters", Center, "api/v1/warnings?status=" + new string('o', 10_000), QueryTooLong, 414),
        Get("warnings: another center's region", Center, "api/v1/warnings?region=330200", "Outside your jurisdiction", 403),
        Get("warning history: warningId not an id", Center, "api/v1/warnings/W-1/history", "warningId"),
        Post("warning ack: warningId a line feed", Center, "api/v1/warnings/%0A/ack", "warningId"),
        Post("warning resolve: warningId of 65 characters", Center, $"api/v1/warnings/{Long}/resolve", "warningId"),
        Post("warning confirm: warningId .. (the path's .. is removed before routing)", Operator, "api/v1/warnings/%2E%2E/confirm", NotFound, 404),
        Post("warning ack: a query parameter with a NUL", Center, Warning + "/ack?by=%00", "by"),

        // GET /api/v1/rectifications, /api/v1/orgs/{orgCode}, /api/v1/terminations
        Get("rectifications: org twice", Operator, "api/v1/rectifications?org=S0001&org=S0002", "org"),
        Get("rectifications: org of 33 characters", Operator, "api/v1/rectifications?org=" + new string('S', 33), "org"),
        Get("rectifications: org with a tab", Operator, "api/v1/rectifications?org=S0001%09", "org"),
        Get("rectifications: a parameter name with a NUL", Operator, "api/v1/rectifications?o%00rg=S0001", "query"),
        Get("org: orgCode of 33 characters", Operator, "api/v1/orgs/" + new string('S', 33), "orgCode"),
        Get("org: orgCode a control character", Operator, "api/v1/orgs/S%01", "orgCode"),
        Get("org: orgCode with a right-to-left override", Operator, "api/v1/orgs/S%E2%80%AE1000", "orgCode"),
        Get("terminations: a parameter with CR LF", Center, "api/v1/terminations?status=%0D%0A", "status"),
        Get("terminations: a query of 10,000 characters", Center, "api/v1/terminations?x=" + new string('x', 10_000), QueryTooLong, 414),
    ];

    const string QueryTooLong = "The query string is too long";

    [Theory]
    [MemberData(nameof(Corpus))]
    public Task A_hostile_request_is_refused_with_problem_details_naming_what_is_wrong(HostileCase bad) =>
        HostileCorpus.AssertRefusedAsync(fixture.App, bad);

    [Fact]
    public void The_corpus_holds_distinct_cases_for_every_endpoint_that_takes_input()
    {
        var cases = ((IEnumerable<object[]>)Corpus()).Select(row => (HostileCase)row[0]).ToList();
        HostileCorpus.AssertDistinct(cases);
        Assert.True(cases.Count >= 100, $"{cases.Count} cases");
        foreach (var endpoint in new[] { "/submission", "/review", "/decision", Webhooks, "api/v1/warnings", "/ack", "/resolve", "/confirm", "/history",
                     "/deliveries", "api/v1/rectifications?", "api/v1/orgs/", "api/v1/terminations?" })
            Assert.Contains(cases, c => c.Path.Contains(endpoint, StringComparison.Ordinal));
    }
}
