using Monitoring.Testing;
using Xunit;

namespace Monitoring.Notice.Tests;

/// <summary>Notice in this test process as a class fixture: one host takes the whole corpus, and its log is checked after it.</summary>
public sealed class NoticeCorpusFixture : CorpusFixture<NoticeApp, Program>, IAsyncLifetime
{
    protected override NoticeApp Start(TestEnvironment environment) => NoticeApp.Start(environment);
}

/// <summary>
/// Hostile input to notice, whose API reads only: query parameters, path segments that are not notice ids, in
/// every form (JSON, HTML, PDF), methods it does not take, and the keyless public list. Each is refused with the
/// status and problem details naming the parameter (or, where none is at fault, the title), and the service's log
/// shows no 5xx and no unhandled exception.
/// </summary>
public sealed class HostileCorpusTests(NoticeCorpusFixture fixture) : IClassFixture<NoticeCorpusFixture>
{
    const string Center = "center", Operator = "operator", Anonymous = "anonymous";
    const string Notices = "api/v1/notices";
    const string QueryTooLong = "The query string is too long", NotAllowed = "Method Not Allowed";
    static readonly string Long = new('n', 65);

    static HostileCase Get(string name, string caller, string path, string names, int status = 400) =>
        new(name, caller, HttpMethod.Get, path, null, null, status, names);

    public static TheoryData<HostileCase> Corpus() =>
    [
        // GET /api/v1/notices?org=
        Get("notices: org a NUL in the middle", Operator, Notices + "?org=S0%001", "org"),
        Get("notices: org with CR LF", Center, Notices + "?org=S0001%0D%0ASet-Cookie:x", "org"),
        Get("notices: org of 33 characters", Center, Notices + "?org=" + new string('S', 33), "org"),
        Get("notices: org of 100,000 characters", Operator, Notices + "?org=" + new string('S', 100_000), QueryTooLong, 414),
        Get("notices: org blank", Operator, Notices + "?org=%20%20", "org"),
        Get("notices: org with a zero-width space", Operator, Notices + "?org=S%E2%80%8B0001", "org"),
        Get("notices: org twice", Operator, Notices + "?org=S0001&org=S0002", "org"),
        Get("notices: a parameter name with a NUL", Operator, Notices + "?%00=S0001", "query"),
        Get("notices: an unknown parameter with a line feed", Operator, Notices + "?page=1%0A", "page"),
        Get("notices: a query of 10,000 characters", Operator, Notices + "?x=" + new string('x', 10_000), QueryTooLong, 414),

        // GET /api/v1/notices/{noticeId}, .html, .pdf
        Get("notice: noticeId not an id", Operator, Notices + "/N-1", "noticeId"),
        Get("notice: noticeId a control character", Operator, Notices + "/%01", "noticeId"),
        Get("notice: noticeId of 65 characters", Center, $"{Notices}/{Long}", "noticeId"),
        Get("notice: noticeId .. (the path's .. is removed before routing)", Operator, Notices + "/%2E%2E", "Not Found", 404),
        Get("notice: noticeId with a line feed", Operator, Notices + "/0190a5c2-2f4b-7cc1-9d3e-5b8f6a1c2d3e%0A", "noticeId"),
        Get("notice as HTML: noticeId not an id", Operator, Notices + "/N-1.html", "noticeId"),
        Get("notice as HTML: noticeId with a DEL", Center, Notices + "/0190a5c2%7F.html", "noticeId"),
        Get("notice as PDF: noticeId not an id", Operator, Notices + "/N-1.pdf", "noticeId"),
        Get("notice as PDF: noticeId of 65 characters", Operator, $"{Notices}/{Long}.pdf", "noticeId"),
        Get("notice as PDF: noticeId a path", Operator, Notices + "/..%2F..%2Fetc%2Fpasswd.pdf", "noticeId"),
        Get("notice: an unknown parameter with a NUL", Operator, Notices + "/0190a5c2-2f4b-7cc1-9d3e-5b8f6a1c2d3e?download=%00", "download"),

        // Methods notice does not take
        new("notices: POST", Operator, HttpMethod.Post, Notices, HostileBody.Raw("{}"), HostileCase.Json, 405, NotAllowed),
        new("notice: DELETE", Operator, HttpMethod.Delete, Notices + "/0190a5c2-2f4b-7cc1-9d3e-5b8f6a1c2d3e", null, null, 405, NotAllowed),
        new("notice as PDF: PUT", Operator, HttpMethod.Put, Notices + "/0190a5c2-2f4b-7cc1-9d3e-5b8f6a1c2d3e.pdf",
            HostileBody.Raw("%PDF-1.7"), "application/pdf", 405, NotAllowed),

        // GET /api/v1/public/catalogue-actions, without a key
        Get("public list: a parameter with a NUL", Anonymous, "api/v1/public/catalogue-actions?org=%00", "org"),
        Get("public list: region not a region", Anonymous, "api/v1/public/catalogue-actions?region=%25", "region"),
        Get("public list: a query of 10,000 characters", Anonymous, "api/v1/public/catalogue-actions?x=" + new string('x', 10_000), QueryTooLong, 414),
        new("public list: POST", Operator, HttpMethod.Post, "api/v1/public/catalogue-actions", HostileBody.Raw("{}"), HostileCase.Json, 405, NotAllowed),
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public Task A_hostile_request_is_refused_with_problem_details_naming_what_is_wrong(HostileCase bad) =>
        HostileCorpus.AssertRefusedAsync(fixture.App, bad);

    [Fact]
    public void The_corpus_holds_distinct_cases_for_every_endpoint()
    {
        var cases = ((IEnumerable<object[]>)Corpus()).Select(row => (HostileCase)row[0]).ToList();
        HostileCorpus.AssertDistinct(cases);
        foreach (var endpoint in new[] { "notices?", ".html", ".pdf", "catalogue-actions" })
            Assert.Contains(cases, c => c.Path.Contains(endpoint, StringComparison.Ordinal));
        Assert.Contains(cases, c => c.Path.StartsWith(Notices + "/", StringComparison.Ordinal) && !c.Path.Contains('.', StringComparison.Ordinal));
    }
}
