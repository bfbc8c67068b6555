using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Monitoring.Demo.Scenario;

/// <summary>
/// Sends a scenario to ingest over HTTP as the upstream platform would: plans first, then their facts a few
/// at a time, certificates, and the closings last. Each call carries an <c>Idempotency-Key</c> of its place in the
/// scenario, and whatever ingest did not confirm (no answer, a cut connection, 5xx, 429, a key still held by a
/// request in progress) is sent again, the same body under the same key, after the answer's <c>Retry-After</c> or
/// a growing pause. A refusal (4xx) is a failure of the demo.
/// </summary>
public sealed class IngestSender(HttpClient ingest, int concurrency = 8)
{
    /// <summary>How long the upstream keeps re-sending one call before it gives up: longer than a broker or database restart.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public async Task SendAsync(GeneratedScenario scenario, IProgress<int>? progress, CancellationToken ct, HttpClient? alerts = null)
    {
        await SendFilingsAsync(ingest, alerts, scenario, ct);
        var sent = 0;
        // Each submission's Idempotency-Key: the run's tag and its place in the scenario, the same on every resend.
        var keyed = scenario.Facts.Concat(scenario.Closings).Select((s, i) => (Submission: s, Key: $"demo-{scenario.Tag}-{i}")).ToList();
        async Task PhaseAsync(Func<Submission, bool> phase)
        {
            await Parallel.ForEachAsync(keyed.Where(k => phase(k.Submission)), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (k, token) =>
                {
                    await SendAsync(ingest, k.Submission, k.Key, token);
                    progress?.Report(Interlocked.Increment(ref sent));
                });
        }

        await PhaseAsync(s => s.Type == "plan");
        await PhaseAsync(s => s.Type is not ("plan" or "certificates" or "close"));
        await PhaseAsync(s => s.Type == "certificates");
        // The upstream closes a plan once its data has landed: a moment for the last facts to pass the queues.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await PhaseAsync(s => s.Type == "close");
    }

    /// <summary>
    /// Files the scenario's exam sites and cross-region applications and has the centers decide them (<see cref="CenterDecisions"/>,
    /// through <paramref name="alerts"/> with a key that may act everywhere), before any plan: the plans are then held with the
    /// registry and the approvals in place.
    /// </summary>
    public static async Task SendFilingsAsync(HttpClient ingest, HttpClient? alerts, GeneratedScenario scenario, CancellationToken ct)
    {
        if (scenario.Applications.Count == 0 && scenario.Sites.Count == 0)
            return;
        if (alerts is null)
            throw new ArgumentException("The scenario plants sites and cross-region applications: pass alerts' client, whose centers decide them",
                nameof(alerts));
        foreach (var site in scenario.Sites)
            await SendAsync(ingest, site.Filing, $"demo-{scenario.Tag}-site-{site.OrgCode}-{site.SiteCode}", ct);
        foreach (var application in scenario.Applications)
            await SendAsync(ingest, application.Filing, $"demo-{scenario.Tag}-{application.ApplicationId}", ct);
        await CenterDecisions.ConfirmSitesAsync(alerts, scenario.Sites, ct);
        await CenterDecisions.DecideAsync(alerts, scenario.Applications, ct);
    }

    /// <summary>
    /// One call until ingest confirms it; returns how many messages its 202 names. Without a key (a latency probe that
    /// must not pay for one) only 429 and 503 are retried: a resend without a key may be taken twice.
    /// </summary>
    public static async Task<int> SendAsync(HttpClient ingest, Submission submission, string? idempotencyKey, CancellationToken ct)
    {
        var pipeline = idempotencyKey is null ? Throttled : Unconfirmed;
        using var response = await pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, submission.Path) { Content = JsonContent.Create(submission.Body, options: JsonSerializerOptions.Web) };
            if (idempotencyKey is not null)
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            return await ingest.SendAsync(request, token);
        }, ct);
        if (response.StatusCode == HttpStatusCode.Accepted)
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("messageIds").GetArrayLength();
        throw new InvalidOperationException($"{submission.Path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>
    /// The whole day as <c>POST /api/v1/import</c> calls of at most <paramref name="linesPerImport"/> lines, as an upstream's
    /// nightly batch or a replay would send it (trickled, with a pause between imports); returns the answers' summary. Each import carries an <c>Idempotency-Key</c>
    /// and is sent again whole until every line of it is confirmed (a line the broker did not take, an answer cut off by a
    /// crash). A refused line is a failure of the demo.
    /// </summary>
    public static async Task<ImportSummary> ImportAsync(HttpClient ingest, GeneratedScenario scenario, CancellationToken ct, int linesPerImport = int.MaxValue,
        TimeSpan pauseBetweenImports = default)
    {
        var lines = Lines(scenario).ToList();
        var total = new ImportSummary(0, 0, 0, 0, 0);
        for (var first = 0; first < lines.Count; first += linesPerImport)
        {
            if (first > 0)
                await Task.Delay(pauseBetweenImports, ct);
            var chunk = lines.Skip(first).Take(linesPerImport).ToList();
            var key = $"demo-{scenario.Tag}-import-{first}-{chunk.Count}";
            var summary = await ImportRetries.ExecuteAsync(token => ImportOnceAsync(ingest, chunk, key, token), ct);
            total = new ImportSummary(total.Lines + summary.Lines, total.Accepted + summary.Accepted, total.Rejected + summary.Rejected,
                total.Unavailable + summary.Unavailable, total.Messages + summary.Messages);
        }
        return total;
    }

    static async ValueTask<ImportSummary> ImportOnceAsync(HttpClient ingest, IReadOnlyList<string> lines, string key, CancellationToken ct)
    {
        using var content = new StringContent(string.Join('\n', lines) + "\n");
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/import") { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        using var response = await ingest.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict && response.Headers.RetryAfter is not null)
                throw new NotConfirmedException($"The import answered {(int)response.StatusCode}", response.Headers.RetryAfter?.Delta);
            throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {text}");
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        ImportSummary? summary = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var answer = JsonDocument.Parse(line).RootElement;
            if (answer.GetProperty("status").GetString() == "rejected")
                throw new InvalidOperationException($"The import refused a line: {line}");
            if (answer.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object)
                summary = s.Deserialize<ImportSummary>(JsonSerializerOptions.Web);
        }
        if (summary is null)
            throw new NotConfirmedException("The import's answer ended without its summary line", null);
        if (summary.Unavailable > 0)
            throw new NotConfirmedException($"{summary.Unavailable} lines were not taken", null);
        return summary;
    }

    /// <summary>The submissions as import lines, in the order they would be sent.</summary>
    static IEnumerable<string> Lines(GeneratedScenario scenario) =>
        scenario.Facts.OrderBy(f => f.Type == "plan" ? 0 : f.Type == "certificates" ? 2 : 1).Concat(scenario.Closings)
            .Select(s => JsonSerializer.Serialize(new { type = s.Type, planId = s.PlanId, body = s.Body }, JsonSerializerOptions.Web));

    /// <summary>The same submissions as NDJSON for <c>POST /api/v1/import</c>, in the order they would be sent.</summary>
    public static async Task WriteNdjsonAsync(GeneratedScenario scenario, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, leaveOpen: true);
        foreach (var line in Lines(scenario))
            await writer.WriteLineAsync(line.AsMemory(), ct);
    }

    static int Attempts(TimeSpan maxDelay) => (int)(Patience / maxDelay) + 4;

    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>Anything ingest did not confirm, resent under the same key: a transport error, 5xx, 408, 429, or 409 with Retry-After (the key is held).</summary>
    static readonly ResiliencePipeline<HttpResponseMessage> Unconfirmed = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new HttpRetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)
                || args.Outcome.Result is { StatusCode: HttpStatusCode.Conflict } conflict && conflict.Headers.RetryAfter is not null),
            MaxRetryAttempts = Attempts(MaxDelay),
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = MaxDelay,
        })
        .Build();

    /// <summary>Only what ingest refused for load (429, 503): without a key, anything else might be taken twice.</summary>
    static readonly ResiliencePipeline<HttpResponseMessage> Throttled = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new HttpRetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
            MaxRetryAttempts = 20,
            Delay = TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Constant,
        })
        .Build();

    static readonly ResiliencePipeline ImportRetries = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NotConfirmedException>().Handle<HttpRequestException>().Handle<IOException>(),
            MaxRetryAttempts = Attempts(MaxDelay),
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is NotConfirmedException { RetryAfter: { } after } ? after : (TimeSpan?)null),
        })
        .Build();

    sealed class NotConfirmedException(string message, TimeSpan? retryAfter) : Exception(message)
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}

/// <summary>The last line of an import's answer (API.md).</summary>
public sealed record ImportSummary(long Lines, long Accepted, long Rejected, long Unavailable, long Messages);
