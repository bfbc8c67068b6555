using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Demo.Scenario;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>
/// The operators' view against real components: a small demo day through the four services while a real Prometheus
/// (the project's scrape configuration and rules) scrapes them, the broker and the database, and a real OTLP receiver
/// takes their traces. Then every panel query of every Grafana dashboard must answer with data, and one trace must
/// follow a failing plan from ingest through scoring and alerts to its notice.
/// </summary>
public sealed partial class OperatorsViewTests
{
    static readonly string[] Services = ["scoring", "notice", "alerts", "ingest"];

    [Fact]
    public async Task Every_dashboard_panel_answers_with_data_and_one_trace_follows_a_failing_plan_through_the_four_services()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var view = await OperatorsView.StartAsync(environment);
        var processes = new List<ServiceProcess>();
        try
        {
            foreach (var service in Services)
            {
                var settings = new Dictionary<string, string>(view.ServiceSettings);
                if (service == "ingest")
                {
                    settings["Ingest__RateLimitPerSecond"] = "1000";
                    settings["Ingest__RateLimitBurst"] = "1000";
                }
                var process = await ServiceProcess.StartAsync(service, environment, settings);
                processes.Add(process);
                await view.ScrapeAsync(process);
            }
            var (scoring, notice, alerts, ingest) = (processes[0], processes[1], processes[2], processes[3]);

            // Scraped from before the day starts, as in production: the day's counters rise from the 0 Prometheus saw.
            await Eventually.ReturnsAsync(async () => (await view.QueryAsync("count(up{job=~\"ingest|scoring|alerts|notice\"} == 1)")).EnumerateArray().Select(r => Value(r)).FirstOrDefault(),
                n => n == 4, "the four services scraped", within: TimeSpan.FromMinutes(1));

            var scenario = new ScenarioGenerator(seed: 11, tag: "OV" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow).Generate(plans: 20, candidatesPerPlan: 10);
            var failing = scenario.Plans.Where(p => p.ExpectedScore < 60).Select(p => p.PlanId).ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(failing);
            await new IngestSender(ingest.Http).SendAsync(scenario, progress: null, CancellationToken.None, alerts.Http);
            await Eventually.ReturnsAsync(() => Outcome.ReadAsync(scenario, scoring.Http, alerts.Http, notice.Http, CancellationToken.None),
                o => o.Matches(scenario), "every planted outcome", within: TimeSpan.FromMinutes(3));

            // Two scrapes after the day (a series born in it has two samples, as rate() needs), every target up, the whole day
            // scraped (its last notices counted), and the recording rules run over it.
            var dayEnded = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            await Eventually.ReturnsAsync(async () => (await view.QueryAsync("min(timestamp(up{job=~\"ingest|scoring|alerts|notice\"}))")).EnumerateArray().Select(r => Value(r)).FirstOrDefault(),
                t => t > dayEnded + 11, "two scrapes after the day", within: TimeSpan.FromMinutes(1));
            await Eventually.ReturnsAsync(async () => (await view.QueryAsync("count(up == 1)")).EnumerateArray().Select(r => Value(r)).FirstOrDefault(),
                n => n == 7, "the four services, the broker twice and the database exporter up", within: TimeSpan.FromMinutes(1));
            await Eventually.ReturnsAsync(async () => (await view.QueryAsync("sum(monitoring_notice_notices_issued_total)")).EnumerateArray().Select(r => Value(r)).FirstOrDefault(),
                n => n >= failing.Count, "the day's notices scraped", within: TimeSpan.FromMinutes(1));
            await Eventually.ReturnsAsync(async () => (await view.QueryAsync("max_over_time(monitoring:facts_accepted:rate1m[10m])")).EnumerateArray().Select(r => Value(r)).FirstOrDefault(),
                n => n > 0, "the day's facts in the recorded rate", within: TimeSpan.FromMinutes(1));

            var empty = new List<string>();
            var names = new SortedSet<string>(StringComparer.Ordinal);
            var queries = 0;
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "deploy", "grafana", "dashboards"), "*.json"))
            {
                using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(file));
                foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
                {
                    if (!panel.TryGetProperty("targets", out var targets))
                        continue;
                    foreach (var target in targets.EnumerateArray())
                    {
                        var expression = Substitute(target.GetProperty("expr").GetString()!);
                        names.UnionWith(SeriesName().Matches(expression).Select(m => m.Value));
                        queries++;
                        var result = await view.QueryAsync(expression);
                        if (result.GetArrayLength() == 0)
                            empty.Add($"{Path.GetFileName(file)} / {panel.GetProperty("title").GetString()}: {expression}");
                    }
                }
            }
            Assert.True(queries > 30, $"only {queries} panel queries found in deploy/grafana/dashboards");
            Assert.True(empty.Count == 0, $"{empty.Count} of {queries} panel queries had no data after the demo day:\n{string.Join('\n', empty)}");
            // A panel that shows 0 when its series is absent (`or vector(0)`) would hide a misspelt name: every series a
            // panel names must exist, but those that appear only when something goes wrong (their labels are not known
            // in advance: a failing rule, a redelivered message, a refused request).
            string[] onlyWhenWrong = ["monitoring_scoring_failures_total", "monitoring_inbox_duplicates_total", "monitoring_requests_rejected_total"];
            var missing = new List<string>();
            foreach (var name in names.Except(onlyWhenWrong))
            {
                if ((await view.QueryAsync($"count({{__name__=\"{name}\"}})")).GetArrayLength() == 0)
                    missing.Add(name);
            }
            Assert.True(missing.Count == 0, $"series named by panels that Prometheus does not have: {string.Join(", ", missing)}");

            // One trace: the fact that made a failing plan's score final, scored, its rectification opened and its notice issued.
            var trace = await Eventually.ReturnsAsync(() => FindTraceAsync(view, failing), t => t is not null,
                "a trace covering ingest, scoring, alerts and notice for a failing plan", within: TimeSpan.FromMinutes(1));
            Assert.NotNull(trace);
        }
        finally
        {
            foreach (var process in processes)
                await process.DisposeAsync();
        }
    }

    /// <summary>Grafana's variables and macros as a panel sees them with "All" selected and a five-minute range.</summary>
    static string Substitute(string expression) => Variable().Replace(expression
            .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
            .Replace("$__interval", "15s", StringComparison.Ordinal)
            .Replace("$__range", "5m", StringComparison.Ordinal), ".*");

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex Variable();

    /// <summary>The series names a query uses: the project's, the broker's, the database's, the runtime's and HTTP's.</summary>
    [GeneratedRegex(@"\b(?:monitoring[_:]|rabbitmq_|pg_|npgsql_|http_|process_|dotnet_|masstransit_)[A-Za-z0-9_:]*")]
    private static partial Regex SeriesName();

    static double Value(JsonElement sample) => double.Parse(sample.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id of a trace with spans of all four services and a scoring span of one of <paramref name="plans"/>; null if none yet.</summary>
    static async Task<string?> FindTraceAsync(OperatorsView view, IReadOnlySet<string> plans)
    {
        using var response = await view.Traces.GetAsync("api/telemetry/traces?limit=100000");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var services = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var ofPlan = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .First(a => a.GetProperty("key").GetString() == "service.name").GetProperty("value").GetProperty("stringValue").GetString()!;
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    var traceId = span.GetProperty("traceId").GetString()!;
                    if (!services.TryGetValue(traceId, out var seen))
                        services[traceId] = seen = new HashSet<string>(StringComparer.Ordinal);
                    seen.Add(service);
                    if (service == "Monitoring.Scoring" && span.GetProperty("name").GetString() == "score plan"
                        && span.TryGetProperty("attributes", out var attributes)
                        && attributes.EnumerateArray().Any(a => a.GetProperty("key").GetString() == "plan.id"
                            && plans.Contains(a.GetProperty("value").GetProperty("stringValue").GetString()!)))
                        ofPlan.Add(traceId);
                }
            }
        }
        string[] all = ["Monitoring.Ingest", "Monitoring.Scoring", "Monitoring.Alerts", "Monitoring.Notice"];
        return ofPlan.FirstOrDefault(t => all.All(services[t].Contains));
    }
}
