using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

public sealed class ImportTests(IngestApp app) : IClassFixture<IngestApp>
{
    [Fact]
    public async Task An_import_answers_every_line_in_order_and_publishes_the_good_ones()
    {
        var probe = await app.Environment.BindProbeQueueAsync("PlanClosed");
        string[] lines =
        [
            Line("plan", null, Samples.Plan("P-IMPORT-1")),
            Line("close", "P-IMPORT-1", Samples.Close()),
            "{not json",
            "",
            Line("holiday", "P-IMPORT-1", Samples.Close()),
            Line("close", null, Samples.Close()),
            Line("results", "P-IMPORT-1", Samples.Results().With("results[1].candidateId", Samples.WithWrongCheck(Samples.IdentityNumber(2)))),
            Line("plan", "P-OTHER", Samples.Plan("P-IMPORT-2")),
            Line("close", "P-IMPORT-2", Samples.Close()),
        ];

        var answers = await ImportAsync(string.Join("\n", lines));

        Assert.Equal(
            [
                """{"status":"accepted","from":1,"to":2,"messages":2}""",
                """{"status":"rejected","line":3,"errors":{"line":["valid JSON (byte 2)"]}}""",
                """{"status":"rejected","line":5,"type":"unknown","errors":{"type":["one of plan, execution, qualification-review, examiners, papers, staffing, supervision, results, videos, disclosures, surveys, close, certificates, application, site"]}}""",
                """{"status":"rejected","line":6,"type":"close","errors":{"planId":["required"]}}""",
                """{"status":"rejected","line":7,"type":"results","errors":{"body.results[1].candidateId":["a 身份证号 whose check character (ISO 7064 MOD 11-2) matches"]}}""",
                """{"status":"rejected","line":8,"type":"plan","errors":{"planId":["equal to body.planId"]}}""",
                """{"status":"accepted","from":9,"to":9,"messages":1}""",
                """{"status":"summary","summary":{"lines":9,"accepted":3,"rejected":5,"unavailable":0,"messages":3}}""",
            ],
            answers.Select(a => a.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        var closed = await app.Environment.DrainAtLeastAsync(probe, 2);
        Assert.Equal(["P-IMPORT-1", "P-IMPORT-2"], closed.Select(m => m.Message.GetProperty("planId").GetString()).Order());
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/ndjson")]
    [InlineData("application/jsonl")]
    [InlineData("application/x-jsonlines")]
    public async Task An_import_is_read_in_every_NDJSON_media_type_it_names(string mediaType)
    {
        var planId = "P-MEDIA-" + mediaType.Split('/')[1];

        var response = await SendImportAsync(new StringContent(Line("close", planId, Samples.Close()) + "\n", Encoding.UTF8, mediaType), null);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("\"status\":\"accepted\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_in_JSON_is_415_in_the_imports_terms()
    {
        var response = await SendImportAsync(new StringContent(Line("close", "P-MEDIA-JSON", Samples.Close()), Encoding.UTF8, "application/json"), null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The body must be NDJSON", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_refused_and_the_import_goes_on()
    {
        var huge = Line("close", "P-LONG", Samples.Close().With("padding", new string('x', 9 * 1024 * 1024)));
        var answers = await ImportAsync(huge + "\n" + Line("close", "P-AFTER-LONG", Samples.Close()) + "\n");

        Assert.Equal("rejected", answers[0]["status"]!.GetValue<string>());
        Assert.Equal(1, answers[0]["line"]!.GetValue<int>());
        Assert.NotNull(answers[0]["errors"]!["line"]);
        Assert.Equal(2, answers[1]["from"]!.GetValue<int>());
        Assert.Equal(1, answers[^1]["summary"]!["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_large_import_is_streamed_in_batches_and_every_line_is_answered()
    {
        const int count = 5_000;
        var probe = await app.Environment.BindProbeQueueAsync("QualificationReviewed");
        var content = new StreamingLines(count, i => Line("qualification-review", $"P-BULK-{i}", Samples.QualificationReview()));

        var answers = await ImportAsync(content);

        var summary = answers[^1]["summary"]!;
        Assert.Equal(count, summary["lines"]!.GetValue<int>());
        Assert.Equal(count, summary["accepted"]!.GetValue<int>());
        Assert.True(answers.Count > 2, "a 1,000-message batch answers its lines before the next batch is read");
        Assert.Equal(count, answers.Where(a => a["status"]!.GetValue<string>() == "accepted").Sum(a => a["to"]!.GetValue<int>() - a["from"]!.GetValue<int>() + 1));
        var published = new List<CapturedMessage>();
        while (published.Count < count)
            published.AddRange(await app.Environment.DrainAtLeastAsync(probe, 1));
        Assert.Equal(count, published.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_repeated_import_with_its_Idempotency_Key_gets_the_same_answer_and_publishes_nothing()
    {
        var probe = await app.Environment.BindProbeQueueAsync("PlanClosed");
        var body = Line("close", "P-IMPORT-IDEM", Samples.Close()) + "\n" + "{broken\n";

        var first = await ImportAsync(body, "import-key-1");
        var second = await ImportAsync(body, "import-key-1");
        var conflict = await SendImportAsync(body + "\n" + Line("close", "P-X", Samples.Close()), "import-key-1");

        Assert.Equal(first.Select(a => a.ToJsonString()), second.Select(a => a.ToJsonString()));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        // A marker published after the repeat: anything the repeat published would arrive before it.
        await ImportAsync(Line("close", "P-IMPORT-MARKER", Samples.Close()));
        var closed = await app.Environment.DrainAtLeastAsync(probe, 2);
        Assert.Equal(["P-IMPORT-IDEM", "P-IMPORT-MARKER"], closed.Select(m => m.Message.GetProperty("planId").GetString()));
    }

    [Fact]
    public async Task An_import_that_is_not_NDJSON_is_415()
    {
        using var client = app.Client();
        var response = await client.PostAsync("api/v1/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    static string Line(string type, string? planId, JsonObject body) =>
        JsonSerializer.Serialize(new { type, planId, body });

    Task<List<JsonNode>> ImportAsync(string body, string? key = null) =>
        ImportAsync(new StringContent(body, Encoding.UTF8, "application/x-ndjson"), key);

    async Task<List<JsonNode>> ImportAsync(HttpContent content, string? key = null)
    {
        var response = await SendImportAsync(content, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    Task<HttpResponseMessage> SendImportAsync(string body, string? key) =>
        SendImportAsync(new StringContent(body, Encoding.UTF8, "application/x-ndjson"), key);

    async Task<HttpResponseMessage> SendImportAsync(HttpContent content, string? key)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/import") { Content = content };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>NDJSON written as it is sent: the test never holds the whole body either.</summary>
    sealed class StreamingLines : HttpContent
    {
        readonly int count;
        readonly Func<int, string> line;

        public StreamingLines(int count, Func<int, string> line)
        {
            this.count = count;
            this.line = line;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < count; i++)
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line(i) + "\n"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            SerializeToStreamAsync(stream, context, cancellationToken).GetAwaiter().GetResult();
    }
}
