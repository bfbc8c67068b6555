using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Monitoring.Bench.Ingest;

// Load driver for ingest over real HTTP against a running instance on a real broker.
//   single  N C      N one-message requests (plan closings), C at a time
//   batch   N C S    N requests of S results each, C at a time
//   import  L S [P]  one NDJSON import of L lines of S results each, streamed; P = ingest's pid to sample its memory
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: single N C | batch N C S | import L S [PID]   (INGEST_URL, INGEST_KEY)");
    return 2;
}

var url = new Uri(Environment.GetEnvironmentVariable("INGEST_URL") ?? "http://127.0.0.1:5100/");
var key = Environment.GetEnvironmentVariable("INGEST_KEY") ?? throw new InvalidOperationException("INGEST_KEY is not set");
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(30) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
var run = Guid.NewGuid().ToString("N")[..8];
int Arg(int i) => int.Parse(args[i], CultureInfo.InvariantCulture);

switch (args[0])
{
    case "single":
        await ConcurrentAsync(Arg(1), Arg(2), 1, i => ($"api/v1/plans/B{run}-{i}/close", Bodies.Close(i)));
        return 0;
    case "batch":
        await ConcurrentAsync(Arg(1), Arg(2), Arg(3), i => ($"api/v1/plans/B{run}-{i}/results", Bodies.Results(Arg(3), i)));
        return 0;
    case "import":
        await ImportAsync(Arg(1), Arg(2), args.Length > 3 ? Arg(3) : null);
        return 0;
    default:
        Console.Error.WriteLine($"unknown scenario {args[0]}");
        return 2;
}

async Task ConcurrentAsync(int requests, int concurrency, int eventsPerRequest, Func<int, (string Path, string Body)> request)
{
    var next = -1;
    var failures = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < requests)
        {
            var (path, body) = request(i);
            using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref failures);
                Console.Error.WriteLine($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }));
    var seconds = clock.Elapsed.TotalSeconds;
    var events = (long)(requests - failures) * eventsPerRequest;
    Console.WriteLine(FormattableString.Invariant(
        $"{args[0]}: {requests} requests x {eventsPerRequest} events, concurrency {concurrency}: {seconds:F1} s, {(requests - failures) / seconds:F0} requests/s, {events / seconds:F0} events/s, {failures} failed"));
}

async Task ImportAsync(int lines, int resultsPerLine, int? pid)
{
    using var sampler = pid is { } p ? new MemorySampler(p) : null;
    var baseline = sampler?.Current;
    var content = new NdjsonContent(lines, i => Bodies.ImportLine(run, i, resultsPerLine));
    var clock = Stopwatch.StartNew();
    using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/import") { Content = content };
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    var last = "";
    using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync()))
    {
        while (await reader.ReadLineAsync() is { } line)
            last = line;
    }
    var seconds = clock.Elapsed.TotalSeconds;
    var summary = JsonDocument.Parse(last).RootElement.GetProperty("summary");
    var accepted = summary.GetProperty("accepted").GetInt64();
    Console.WriteLine(FormattableString.Invariant(
        $"import: {lines} lines x {resultsPerLine} results ({content.BytesWritten / 1e6:F0} MB): {seconds:F1} s, {accepted / seconds:F0} lines/s, {accepted * resultsPerLine / seconds:F0} events/s ({summary.GetProperty("messages").GetInt64() / seconds:F0} messages/s), accepted {accepted}, rejected {summary.GetProperty("rejected").GetInt64()}")
        + (sampler is null ? "" : FormattableString.Invariant($", ingest RSS {baseline / 1e6:F0} MB before, peak {sampler.Peak / 1e6:F0} MB")));
}
