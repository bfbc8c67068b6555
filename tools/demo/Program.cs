using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitoring.Demo.Scenario;
using Spectre.Console;

// The main job: a demo exam day through the four services. A deterministic scenario (seeded) of plans across
// Zhejiang with planted faults goes to ingest over HTTP; the demo then reads back what scoring, alerts and
// notice made of it and sets it beside what was planted.
//   --plans 200 --candidates 50 --seed 20261124 [--tag T] [--ndjson FILE: write the import file and stop]
//   [--import: send the day as one NDJSON import] [--measure FILE: time the day and its cost (bench/peak.sh)]
//   [--steady RATE: file the plans, then send their facts at RATE calls a second and measure 202 → score latency (bench/latency.sh)]
//   [--steady-unit facts: RATE counts facts (results, survey answers, segments…) instead of calls]
var options = Options.Parse(args);
var today = DateTimeOffset.UtcNow;
var scenario = new ScenarioGenerator(options.Seed, options.Tag, today).Generate(options.Plans, options.Candidates);

if (options.Ndjson is { } file)
{
    await using var output = File.Create(file);
    await IngestSender.WriteNdjsonAsync(scenario, output, CancellationToken.None);
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Wrote {scenario.Facts.Count + scenario.Closings.Count} lines for {scenario.Plans.Count} plans to {file} (POST it to /api/v1/import as application/x-ndjson).");
    return 0;
}

var keys = JsonDocument.Parse(File.ReadAllText(Environment.GetEnvironmentVariable("DEMO_KEYS") ?? Path.Combine(".local", "keys.json"))).RootElement;
HttpClient Client(string variable, string fallback, string key)
{
    // Ingest's client retries by itself (IngestSender, with idempotency keys); the others read, with retries.
    var address = new Uri(Environment.GetEnvironmentVariable(variable) ?? fallback);
    var client = key == "platform" ? new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) } : ReadBack.Client(address);
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keys.GetProperty(key).GetString());
    return client;
}
using var ingest = Client("DEMO_INGEST", "http://127.0.0.1:5100/", "platform");
using var scoring = Client("DEMO_SCORING", "http://127.0.0.1:5101/", "operator");
using var alerts = Client("DEMO_ALERTS", "http://127.0.0.1:5102/", "operator");
using var notice = Client("DEMO_NOTICE", "http://127.0.0.1:5103/", "operator");
foreach (var service in new[] { ingest, scoring, alerts, notice })
    await WaitReadyAsync(service);

AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[bold]Demo exam day[/] (seed {scenario.Seed}, run {scenario.Tag}): {scenario.Plans.Count} plans in {scenario.Plans.Select(p => p.CityName).Distinct().Count()} cities, {scenario.Candidates:N0} candidates, {scenario.Facts.Count + scenario.Closings.Count:N0} {(options.Import ? "lines in one import" : "calls to ingest")}");
if (options.Steady is { } steadyRate)
{
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[bold]Steady load[/] (seed {scenario.Seed}, run {scenario.Tag}): {scenario.Plans.Count} plans filed, then their facts at {steadyRate:N0} {(options.SteadyPerFact ? "facts" : "calls")} a second");
    var steadyMeasure = new RunMeasure(Environment.GetEnvironmentVariable("INFRA_PG_DIR"), null, null);
    using var steadyHttp = new HttpClient();
    var steadyBefore = await steadyMeasure.TakeAsync(steadyHttp);
    var steady = await new SteadyLoad(ingest, scoring, steadyRate, options.SteadyPerFact).RunAsync(scenario, CancellationToken.None);
    var steadyAfter = await steadyMeasure.TakeAsync(steadyHttp);
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
        $"{steady.Calls:N0} calls ({steady.Facts:N0} facts) in {steady.Seconds:F1} s ({steady.AchievedRate:N0} calls/s, {steady.AchievedFactRate:N0} facts/s); 202 → score readable over {steady.Probes:N0} probes: p50 {steady.P50:F3} s, p95 {steady.P95:F3} s, p99 {steady.P99:F3} s, max {steady.Max:F3} s; {steady.Unreadable} not readable within 30 s");
    if (options.Measure is { } steadyFile)
        await File.WriteAllTextAsync(steadyFile, JsonSerializer.Serialize(new
        {
            steady,
            // The whole run (filing the plans included), not the steady phase alone.
            cpuSeconds = steadyAfter.CpuSeconds.ToDictionary(c => c.Key, c => Math.Round(c.Value - steadyBefore.CpuSeconds.GetValueOrDefault(c.Key), 1)),
            peakRssMb = RunMeasure.PeakRss(),
        }, new JsonSerializerOptions { WriteIndented = true }));
    return steady.Unreadable == 0 ? 0 : 1;
}

var measure = new RunMeasure(Environment.GetEnvironmentVariable("INFRA_PG_DIR"), Environment.GetEnvironmentVariable("DEMO_RABBIT_MANAGEMENT"),
    Environment.GetEnvironmentVariable("RabbitMq__VirtualHost"));
using var plain = new HttpClient();
var before = options.Measure is null ? null : await measure.TakeAsync(plain);
var sending = System.Diagnostics.Stopwatch.StartNew();
ImportSummary? imported = null;
if (options.Import)
{
    await IngestSender.SendFilingsAsync(ingest, alerts, scenario, CancellationToken.None);
    imported = await IngestSender.ImportAsync(ingest, scenario, CancellationToken.None);
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Imported {imported.Lines:N0} lines ({imported.Accepted:N0} accepted, {imported.Messages:N0} messages) in {sending.Elapsed.TotalSeconds:F1} s; waiting for scoring, alerts and notice to settle …");
}
else
{
    await AnsiConsole.Progress().StartAsync(async context =>
    {
        var task = context.AddTask("ingest", maxValue: scenario.Facts.Count + scenario.Closings.Count);
        await new IngestSender(ingest).SendAsync(scenario, new Progress<int>(n => task.Value = n), CancellationToken.None, alerts);
    });
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Sent in {sending.Elapsed.TotalSeconds:F1} s; waiting for scoring, alerts and notice to settle …");
}

// The day is over when every plan is final and every notice issued. Reading every plan's score is itself load, so a
// measured day probes cheaply first (scoring's final scorings, the notices issued) and reads everything only then.
Outcome outcome;
TimeSpan settled;
RunMeasure.Snapshot? after = null;
string? scoringMetrics = null, alertsMetrics = null, noticeMetrics = null;
try
{
    while (true)
    {
        await Task.Delay(options.Measure is null ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(250));
        var late = sending.Elapsed > TimeSpan.FromMinutes(5);
        if (options.Measure is not null && !late && !await Outcome.LooksSettledAsync(scenario, scoring, notice, CancellationToken.None))
            continue;
        settled = sending.Elapsed;
        after = options.Measure is null ? null : await measure.TakeAsync(plain);
        scoringMetrics = options.Measure is null ? null : await scoring.GetStringAsync("metrics");
        alertsMetrics = options.Measure is null ? null : await alerts.GetStringAsync("metrics");
        noticeMetrics = options.Measure is null ? null : await notice.GetStringAsync("metrics");
        outcome = await Outcome.ReadAsync(scenario, scoring, alerts, notice, CancellationToken.None);
        if (outcome.Matches(scenario) || late)
            break;
    }
}
catch (HttpRequestException ex)
{
    // Each read was retried for about a minute (ReadBack): the service is down, not restarting.
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
        $"[red]Could not read the day back: a service stayed unreachable for {ReadBack.Patience.TotalSeconds:0} s ({ex.Message}). Is it running? Its log is in .local/logs/.[/]");
    return 2;
}
if (options.Measure is { } measureFile)
{
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Settled {settled.TotalSeconds:F1} s after the first byte.");
    await Task.Delay(TimeSpan.FromSeconds(6)); // RabbitMQ's management statistics refresh every 5 s
    var published = (await measure.TakeAsync(plain)).BrokerPublished - before!.BrokerPublished;
    var lines = scenario.Facts.Count + scenario.Closings.Count;
    await File.WriteAllTextAsync(measureFile, JsonSerializer.Serialize(new
    {
        plans = scenario.Plans.Count,
        lines,
        matched = outcome.Matches(scenario),
        seconds = Math.Round(settled.TotalSeconds, 2),
        ingestMessages = imported?.Messages,
        brokerMessages = published,
        brokerMessagesPerLine = published is { } p ? Math.Round((double)p / lines, 3) : (double?)null,
        scorings = Outcome.Sample(scoringMetrics!, "monitoring_scoring_plans_scored_total"),
        scoringsChanged = Outcome.Sample(scoringMetrics!, "monitoring_scoring_plans_scored_total", "changed=\"yes\""),
        rescorePasses = Outcome.Sample(scoringMetrics!, "monitoring_scoring_batch_plans_count"),
        rescoreSeconds = Math.Round(Outcome.Sample(scoringMetrics!, "monitoring_scoring_duration_seconds_sum"), 2),
        outboxWritten = new
        {
            scoring = Outcome.Sample(scoringMetrics!, "monitoring_outbox_written_total"),
            alerts = Outcome.Sample(alertsMetrics!, "monitoring_outbox_written_total"),
        },
        consumed = new
        {
            scoring = Outcome.Sample(scoringMetrics!, "monitoring_messages_consumed_total"),
            alerts = Outcome.Sample(alertsMetrics!, "monitoring_messages_consumed_total"),
            notice = Outcome.Sample(noticeMetrics!, "monitoring_messages_consumed_total"),
        },
        cpuSeconds = after!.CpuSeconds.ToDictionary(c => c.Key, c => Math.Round(c.Value - before.CpuSeconds.GetValueOrDefault(c.Key), 1)),
        peakRssMb = RunMeasure.PeakRss().ToDictionary(r => r.Key, r => Math.Round(r.Value)),
    }, new JsonSerializerOptions { WriteIndented = true }));
}

// The centers decide the termination recommendations: terminated and returned in turn, each with its notice.
var terminations = CenterDecisions.Terminations(scenario);
await CenterDecisions.DecideTerminationsAsync(alerts, scenario, CancellationToken.None);
for (var wait = 0; wait < 60 && (outcome.Notices("plan-termination") + outcome.Notices("plan-return") < terminations.Count); wait++)
{
    await Task.Delay(TimeSpan.FromSeconds(1));
    outcome = await Outcome.ReadAsync(scenario, scoring, alerts, notice, CancellationToken.None);
}

var table = new Table().AddColumn("").AddColumn(new TableColumn("planted").RightAligned()).AddColumn(new TableColumn("in the system").RightAligned());
void Row(string what, object planted, object measured) =>
    table.AddRow(what, planted.ToString()!, Equals(planted.ToString(), measured.ToString()) ? $"[green]{measured}[/]" : $"[red]{measured}[/]");
Row("plans scored (final)", scenario.Plans.Count, outcome.PlansFinal);
Row("plans below 60", scenario.BelowSixty, outcome.BelowSixty);
Row("plans scored exactly as planted", scenario.Plans.Count, scenario.Plans.Count - outcome.ScoreMismatches.Count);
foreach (var level in new[] { "red", "orange", "yellow" })
    Row($"warnings {level}", scenario.WarningsByLevel.GetValueOrDefault(level), outcome.WarningsByLevel.GetValueOrDefault(level));
foreach (var city in Geography.Cities.Select(c => c.Name))
    Row($"  warnings in {city}", scenario.WarningsByCity.GetValueOrDefault(city), outcome.WarningsByCity.GetValueOrDefault(city));
Row("cross-region applications approved", scenario.Applications.Count(a => a.Approve), scenario.Plans.Count(p => p.Fault == Fault.OutOfRegionApproved)
    - outcome.ScoreMismatches.Count(m => m.Contains($"({Fault.OutOfRegionApproved})", StringComparison.Ordinal)));
Row("  out of region without approval (red)", scenario.Plans.Count(p => p.Fault == Fault.OutOfRegion),
    outcome.WarningsByKind.GetValueOrDefault("outside-region-unapproved"));
Row("plans at a site not in the org's registry (red)", scenario.Plans.Count(p => p.Fault == Fault.SiteNotInRegistry),
    outcome.WarningsByKind.GetValueOrDefault("site-registration-mismatch"));
Row("fee standard not published (−5)", scenario.Plans.Count(p => p.Fault == Fault.FeesUnpublished),
    scenario.Plans.Count(p => p.Fault == Fault.FeesUnpublished) - outcome.ScoreMismatches.Count(m => m.Contains($"({Fault.FeesUnpublished})", StringComparison.Ordinal)));
// Issue 21's duties: staffing (一(一)), delegation (三(一)), self-built papers (二(四)) and staff certified (三(二)) warn; the
// review's evidence (二(三)) only costs points.
foreach (var (what, kind) in new[]
{
    ("rooms short of examiners (orange)", "short-staffed"), ("examiners not qualified for the plan (orange)", "unqualified-examiner"),
    ("evaluation delegated to another org (red)", "delegated-evaluation"), ("self-built papers used unfiled (orange)", "self-built-paper-unapproved"),
    ("staff certified in their org's plans (red)", "staff-certified"),
})
    Row(what, scenario.Plans.Count(p => p.ExpectedWarnings.Any(w => w.Kind == kind)), outcome.WarningsByKind.GetValueOrDefault(kind));
Row("review evidence short: dispatched under 3 months (−10)", scenario.Plans.Count(p => p.Fault == Fault.DispatchedUnderThreeMonths),
    scenario.Plans.Count(p => p.Fault == Fault.DispatchedUnderThreeMonths)
    - outcome.ScoreMismatches.Count(m => m.Contains($"({Fault.DispatchedUnderThreeMonths})", StringComparison.Ordinal)));
Row("rectification tasks", scenario.BelowSixty, outcome.RectificationTasks);
Row("rectification notices issued", scenario.BelowSixty, outcome.Notices("rectification"));
Row("plans terminated (notices)", terminations.Count(t => t.Outcome == "terminate"), outcome.Notices("plan-termination"));
Row("plans returned (notices)", terminations.Count(t => t.Outcome == "return"), outcome.Notices("plan-return"));
AnsiConsole.Write(table);
if (outcome.DocumentNumbers.Count > 0)
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Document numbers: {string.Join("  ", outcome.DocumentNumbers.Take(8))}{(outcome.DocumentNumbers.Count > 8 ? " …" : "")}");
foreach (var problem in outcome.ScoreMismatches.Concat(outcome.WarningMismatches).Take(20))
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{problem}[/]");
var decided = outcome.Notices("plan-termination") == terminations.Count(t => t.Outcome == "terminate")
    && outcome.Notices("plan-return") == terminations.Count(t => t.Outcome == "return");
var matched = outcome.Matches(scenario) && decided;
AnsiConsole.MarkupLine(matched ? "[green]Everything planted came out as planted.[/]" : "[red]The system's outcome differs from what was planted.[/]");
return matched ? 0 : 1;

static async Task WaitReadyAsync(HttpClient service)
{
    for (var attempt = 0; attempt < 300; attempt++)
    {
        try
        {
            if ((await service.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK)
                return;
        }
        catch (HttpRequestException)
        {
            // Still starting.
        }
        await Task.Delay(200);
    }
    throw new TimeoutException($"{service.BaseAddress} did not become ready within 60 s");
}

sealed record Options(int Plans, int Candidates, int Seed, string Tag, string? Ndjson, bool Import, string? Measure, int? Steady, bool SteadyPerFact)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(Number("--plans", 200), Number("--candidates", 50), Number("--seed", 20261124),
            Value("--tag") ?? DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture), Value("--ndjson"),
            args.Contains("--import"), Value("--measure"), Value("--steady") is { } rate ? int.Parse(rate, CultureInfo.InvariantCulture) : null,
            Value("--steady-unit") switch { null or "calls" => false, "facts" => true, var unit => throw new ArgumentException($"--steady-unit is calls or facts, not {unit}") });
    }
}
