using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Monitoring.Demo.Scenario;

/// <summary>
/// Sends a scenario to ingest over HTTP as the upstream platform would: plans first, then their facts a few
/// at a time, certificates, and the closings last. A 429 or 503 is retried after its Retry-After; anything
/// else that is not 202 is a failure of the demo.
/// </summary>
public sealed class IngestSender(HttpClient ingest, int concurrency = 8)
{
    public async Task SendAsync(GeneratedScenario scenario, IProgress<int>? progress, CancellationToken ct)
    {
        var sent = 0;
        async Task PhaseAsync(IEnumerable<Submission> submissions)
        {
            await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (s, token) =>
            {
                await SendOneAsync(s, token);
                progress?.Report(Interlocked.Increment(ref sent));
            });
        }

        await PhaseAsync(scenario.Facts.Where(f => f.Type == "plan"));
        await PhaseAsync(scenario.Facts.Where(f => f.Type is not ("plan" or "certificates")));
        await PhaseAsync(scenario.Facts.Where(f => f.Type == "certificates"));
        // The upstream closes a plan once its data has landed: a moment for the last facts to pass the queues.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await PhaseAsync(scenario.Closings);
    }

    Task SendOneAsync(Submission submission, CancellationToken ct) => SendAsync(ingest, submission, ct);

    /// <summary>One call, retried after its Retry-After on 429 or 503; returns how many messages its 202 names.</summary>
    public static async Task<int> SendAsync(HttpClient ingest, Submission submission, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await ingest.PostAsJsonAsync(submission.Path, submission.Body, JsonSerializerOptions.Web, ct);
            if (response.StatusCode == HttpStatusCode.Accepted)
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("messageIds").GetArrayLength();
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 20)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                continue;
            }
            throw new InvalidOperationException($"{submission.Path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>
    /// The whole day as one <c>POST /api/v1/import</c>, as an upstream's nightly batch or a replay would send it;
    /// returns the answer's summary. A refused or unavailable line is a failure of the demo.
    /// </summary>
    public static async Task<ImportSummary> ImportAsync(HttpClient ingest, GeneratedScenario scenario, CancellationToken ct)
    {
        var body = new MemoryStream();
        await WriteNdjsonAsync(scenario, body, ct);
        body.Position = 0;
        using var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/import") { Content = content };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        using var response = await ingest.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        ImportSummary? summary = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var answer = JsonDocument.Parse(line).RootElement;
            var status = answer.GetProperty("status").GetString();
            if (status is "rejected" or "unavailable")
                throw new InvalidOperationException($"The import refused a line: {line}");
            if (answer.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object)
                summary = s.Deserialize<ImportSummary>(JsonSerializerOptions.Web);
        }
        return summary ?? throw new InvalidOperationException("The import's answer ended without its summary line");
    }

    /// <summary>The same submissions as NDJSON for <c>POST /api/v1/import</c>, in the order they would be sent.</summary>
    public static async Task WriteNdjsonAsync(GeneratedScenario scenario, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, leaveOpen: true);
        foreach (var submission in scenario.Facts.OrderBy(f => f.Type == "plan" ? 0 : f.Type == "certificates" ? 2 : 1).Concat(scenario.Closings))
            await writer.WriteLineAsync(JsonSerializer.Serialize(new { type = submission.Type, planId = submission.PlanId, body = submission.Body }, JsonSerializerOptions.Web).AsMemory(), ct);
    }
}

/// <summary>The last line of an import's answer (API.md).</summary>
public sealed record ImportSummary(long Lines, long Accepted, long Rejected, long Unavailable, long Messages);
