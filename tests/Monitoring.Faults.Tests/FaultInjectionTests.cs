using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Monitoring.Demo.Scenario;
using Monitoring.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Monitoring.Faults.Tests;

/// <summary>
/// The system's strongest promise, proven: a generated day of a few hundred plans ends exactly as the same day
/// without faults, while consumer services are killed (SIGKILL) several times each, ingest is killed in the middle of
/// an import, the broker's application and then its whole node are restarted, and PostgreSQL crashes. The client
/// does what the upstream platform does: it sends again whatever was not confirmed, the same lines under the same
/// idempotency keys (<see cref="IngestSender"/>).
/// <para>
/// Seeded: <c>MONITORING_FAULT_SEED</c> replays a run (the scenario and the fault schedule; the moments the faults
/// land in the services' work still vary); without it each run draws a seed. A failure prints the seed and schedule.
/// </para>
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    const int Plans = 240;
    const int CandidatesPerPlan = 12;
    const int LinesPerImport = 100;
    static readonly TimeSpan Sending = TimeSpan.FromSeconds(35);
    static readonly TimeSpan Settle = TimeSpan.FromMinutes(4);

    static readonly IReadOnlyDictionary<string, string> IngestSettings = new Dictionary<string, string>
    {
        ["Ingest__RateLimitPerSecond"] = "1000",
        ["Ingest__RateLimitBurst"] = "1000",
    };

    [Fact]
    public async Task A_day_with_killed_services_restarted_broker_and_crashed_database_ends_exactly_as_the_same_day_without_faults()
    {
        var seed = Environment.GetEnvironmentVariable("MONITORING_FAULT_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next(1, 1_000_000);
        var today = DateTimeOffset.UtcNow;
        var scenario = new ScenarioGenerator(seed, $"F{seed}", today).Generate(Plans, CandidatesPerPlan);
        var schedule = FaultSchedule.Draw(seed, Sending, Sending + TimeSpan.FromSeconds(25));
        output.WriteLine($"{scenario.Plans.Count} plans, {scenario.Facts.Count + scenario.Closings.Count} lines; {schedule}");

        // The fault-free run on the shared servers, while this test's own servers (which it will crash) start.
        var privateServers = PrivateServers.StartAsync();
        var clock = Stopwatch.StartNew();
        var expected = await RunWithoutFaultsAsync(scenario);
        output.WriteLine($"without faults: {expected} in {clock.Elapsed.TotalSeconds:0} s");

        await using var servers = await privateServers;
        clock.Restart();
        var (actual, checks) = await RunWithFaultsAsync(scenario, schedule, servers);
        output.WriteLine($"with faults: {actual} in {clock.Elapsed.TotalSeconds:0} s");

        var differences = actual.Differences(expected);
        Assert.True(differences.Count == 0,
            $"The day with faults ended differently from the same day without ({differences.Count} lines):\n  {string.Join("\n  ", differences.Take(30))}\n{schedule}");
        Assert.True(checks.Count == 0, string.Join("\n", checks) + "\n" + schedule);
    }

    static async Task<FinalState> RunWithoutFaultsAsync(GeneratedScenario scenario)
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var scoring = await ServiceProcess.StartAsync("scoring", environment);
        await using var alerts = await ServiceProcess.StartAsync("alerts", environment);
        await using var notice = await ServiceProcess.StartAsync("notice", environment);
        await using var ingest = await ServiceProcess.StartAsync("ingest", environment, IngestSettings);

        await new IngestSender(ingest.Http).SendAsync(scenario, progress: null, CancellationToken.None, alerts.Http);
        await SettledAsync(scenario, environment, scoring.Http, alerts.Http, notice.Http, "");
        return await FinalState.ReadAsync(environment);
    }

    /// <summary>The day under the schedule's faults; returns its final state and whatever else it broke.</summary>
    async Task<(FinalState State, IReadOnlyList<string> Problems)> RunWithFaultsAsync(GeneratedScenario scenario, FaultSchedule schedule, PrivateServers servers)
    {
        await using var environment = await TestEnvironment.CreateAsync(servers.Infrastructure);
        var fleet = new Fleet(environment);
        try
        {
            foreach (var service in new[] { "scoring", "alerts", "notice" })
                await fleet.StartAsync(service, null);
            await fleet.StartAsync("ingest", IngestSettings);

            var watch = new ImportWatch();
            using var ingest = new HttpClient(watch) { BaseAddress = fleet["ingest"].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            ingest.DefaultRequestHeaders.Authorization = TestKeys.Bearer(environment.Keys.Platform);

            var day = Stopwatch.StartNew();
            var lines = scenario.Facts.Count;
            using var centers = new HttpClient { BaseAddress = fleet["alerts"].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            centers.DefaultRequestHeaders.Authorization = TestKeys.Bearer(environment.Keys.Operator);
            var sending = Task.Run(async () =>
            {
                // The cross-region applications filed and decided by the centers, the facts as imports trickled over the
                // sending window, then each plan's closing as its own call.
                await IngestSender.SendFilingsAsync(ingest, centers, scenario, CancellationToken.None);
                await IngestSender.ImportAsync(ingest, scenario with { Closings = [] }, CancellationToken.None, LinesPerImport,
                    pauseBetweenImports: Sending / Math.Max(1, lines / LinesPerImport));
                await new IngestSender(ingest).SendAsync(scenario with { Facts = [], Applications = [], Sites = [] }, progress: null, CancellationToken.None);
            });

            foreach (var fault in schedule.Faults)
            {
                if (fault.At > day.Elapsed)
                    await Task.Delay(fault.At - day.Elapsed);
                var struck = day.Elapsed;
                await ApplyAsync(fault, fleet, servers, watch);
                output.WriteLine($"{struck.TotalSeconds,5:0.0} s  {fault.Kind} (back after {(day.Elapsed - struck).TotalSeconds:0.0} s)");
            }
            await sending;
            output.WriteLine($"{day.Elapsed.TotalSeconds,5:0.0} s  everything sent and confirmed");

            // Read back as any client would: with retries, through a service that is restarting right now.
            var restarting = fleet.RestartAsync("scoring", TimeSpan.FromSeconds(3));
            using var scoring = ReadBackClient(fleet["scoring"], environment);
            using var alerts = ReadBackClient(fleet["alerts"], environment);
            using var notice = ReadBackClient(fleet["notice"], environment);
            await SettledAsync(scenario, environment, scoring, alerts, notice, schedule.ToString(), fleet.Logs);
            await restarting;
            output.WriteLine($"{day.Elapsed.TotalSeconds,5:0.0} s  settled");

            var problems = new List<string>();
            problems.AddRange((await FinalState.DocumentNumberGapsAsync(environment)).Select(g => $"document numbers with gaps: {g}"));
            // The broker's management statistics are refreshed every 5 s.
            await Task.Delay(TimeSpan.FromSeconds(6));
            problems.AddRange((await FinalState.DeadLettersAsync(environment)).Select(q => $"dead letters: {q}"));
            return (await FinalState.ReadAsync(environment), problems);
        }
        finally
        {
            // Every incarnation of every service: none may have logged an unhandled exception.
            await fleet.DisposeAsync();
        }
    }

    static HttpClient ReadBackClient(ServiceProcess service, TestEnvironment environment)
    {
        var client = ReadBack.Client(service.BaseAddress);
        client.DefaultRequestHeaders.Authorization = TestKeys.Bearer(environment.Keys.Operator);
        return client;
    }

    static async Task ApplyAsync(Fault fault, Fleet fleet, PrivateServers servers, ImportWatch watch)
    {
        switch (fault.Kind)
        {
            case FaultKind.KillScoring:
                await fleet.RestartAsync("scoring", fault.Down);
                break;
            case FaultKind.KillAlerts:
                await fleet.RestartAsync("alerts", fault.Down);
                break;
            case FaultKind.KillNotice:
                await fleet.RestartAsync("notice", fault.Down);
                break;
            case FaultKind.KillIngestMidImport:
                await Eventually.ReturnsAsync(() => Task.FromResult(watch.ImportInFlight), inFlight => inFlight, "an import in flight to kill ingest in",
                    within: TimeSpan.FromMinutes(1));
                await fleet.RestartAsync("ingest", fault.Down);
                break;
            case FaultKind.RestartBrokerApplication:
                await servers.FaultAsync("stop-broker-app");
                await Task.Delay(fault.Down);
                await servers.FaultAsync("start-broker-app");
                break;
            case FaultKind.RestartBrokerNode:
                await servers.FaultAsync("stop-broker");
                await Task.Delay(fault.Down);
                await servers.FaultAsync("start-broker");
                break;
            case FaultKind.CrashDatabase:
                await servers.FaultAsync("crash-database");
                await Task.Delay(fault.Down);
                await servers.FaultAsync("start-database");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, null);
        }
    }

    /// <summary>Waits until every planted outcome is there and every outbox relayed.</summary>
    static async Task SettledAsync(GeneratedScenario scenario, TestEnvironment environment, HttpClient scoring, HttpClient alerts, HttpClient notice,
        string schedule, Func<string>? logs = null)
    {
        await Eventually.ReturnsAsync(() => Outcome.ReadAsync(scenario, scoring, alerts, notice, CancellationToken.None), o => o.Matches(scenario),
            "every planted outcome", within: Settle, context: () => schedule + "\n" + logs?.Invoke());
        await Eventually.ReturnsAsync(() => FinalState.OutboxPendingAsync(environment), pending => pending == 0, "every outbox to be relayed",
            context: () => schedule);
    }

    /// <summary>The four services of the faulted day: the one running now of each, and every one that ran (for their logs).</summary>
    sealed class Fleet(TestEnvironment environment) : IAsyncDisposable
    {
        readonly Dictionary<string, ServiceProcess> current = [];
        readonly List<ServiceProcess> all = [];

        public ServiceProcess this[string service] => current[service];

        public async Task StartAsync(string service, IReadOnlyDictionary<string, string>? settings)
        {
            var started = await ServiceProcess.StartAsync(service, environment, settings);
            current[service] = started;
            all.Add(started);
        }

        /// <summary>SIGKILL, <paramref name="down"/>, and the service again on its port.</summary>
        public async Task RestartAsync(string service, TimeSpan down)
        {
            await current[service].KillAsync();
            await Task.Delay(down);
            var started = await current[service].StartAgainAsync();
            current[service] = started;
            all.Add(started);
        }

        /// <summary>The last lines of each service's errors, for a failure message.</summary>
        public string Logs() => string.Join("\n", current.Values.Select(s =>
            $"{s.Service}: " + string.Join("\n  ", s.Output.Split('\n').Where(l => l.Contains("\"Error\"", StringComparison.Ordinal)).TakeLast(5))));

        public async ValueTask DisposeAsync()
        {
            var failures = new List<Exception>();
            foreach (var service in all)
            {
                try
                {
                    await service.DisposeAsync();
                }
                catch (InvalidOperationException ex)
                {
                    failures.Add(ex);
                }
            }
            if (failures.Count > 0)
                throw new AggregateException("A service logged an unhandled exception", failures);
        }
    }
}
