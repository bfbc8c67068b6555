using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Monitoring.Demo.Scenario;

/// <summary>
/// Latency at a steady rate, for <c>bench/latency.sh</c>: the scenario's plans are filed and scored first; then its
/// facts (closings and certificates aside) go to ingest one call each at <c>rate</c> calls a second, interleaved across
/// plans so that a plan has one call in flight at a time. For every <c>sampleEvery</c>-th call, the time from its 202
/// until the plan's score is readable with it: until <c>GET …/score</c> covers as many of the plan's messages as ingest
/// had accepted by then (the score's <c>messages</c>), read every 100 ms. Probing is itself load on scoring: a probe
/// every 50th call (20 a second at 1,000 calls a second) keeps it to a few hundred reads a second. With
/// <c>perFact</c> the rate counts facts (results, survey answers, video segments… what ingest's 202 counts as
/// <c>accepted</c>, and what the first design sent one message each for) instead of calls.
/// </summary>
public sealed class SteadyLoad(HttpClient ingest, HttpClient scoring, int rate, bool perFact = false, int sampleEvery = 50, int inFlight = 128)
{
    public sealed record Result(int Calls, long Facts, double Seconds, double AchievedRate, double AchievedFactRate, int Probes,
        double P50, double P95, double P99, double Max, int Unreadable);

    public async Task<Result> RunAsync(GeneratedScenario scenario, CancellationToken ct)
    {
        var accepted = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        // The plans first, as one import, and each plan's first score.
        var plans = scenario.Facts.Where(f => f.Type == "plan").ToList();
        await IngestSender.ImportAsync(ingest, scenario with { Facts = plans, Closings = [] }, ct);
        foreach (var plan in scenario.Plans)
            accepted[plan.PlanId] = 1;
        foreach (var plan in scenario.Plans)
            await WaitReadableAsync(plan.PlanId, 1, TimeSpan.FromMinutes(2), ct);

        // Round-robin over plans: the i-th fact of every plan, then the (i+1)-th…
        var byPlan = scenario.Facts.Where(f => f.Type is not ("plan" or "certificates")).GroupBy(f => f.PlanId!).Select(g => g.ToList()).ToList();
        var calls = Enumerable.Range(0, byPlan.Max(g => g.Count)).SelectMany(i => byPlan.Where(g => i < g.Count).Select(g => g[i])).ToList();
        var facts = calls.Select(c => c.Facts()).ToList();
        // When call i leaves, in units of the rate: its position, or the facts sent before it.
        var start = new long[calls.Count + 1];
        for (var i = 0; i < calls.Count; i++)
            start[i + 1] = start[i] + (perFact ? facts[i] : 1);

        var latencies = new ConcurrentBag<double>();
        var unreadable = 0;
        var probes = new List<Task>();
        using var slots = new SemaphoreSlim(inFlight);
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        for (var i = 0; i < calls.Count; i++)
        {
            // Paced: call i leaves at start[i] / rate seconds.
            var due = TimeSpan.FromSeconds((double)start[i] / rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed, ct);
            await slots.WaitAsync(ct);
            var call = calls[i];
            var sample = i % sampleEvery == 0;
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    var messages = await IngestSender.SendAsync(ingest, call, idempotencyKey: null, ct);
                    var expected = accepted.AddOrUpdate(call.PlanId!, messages, (_, n) => n + messages);
                    if (sample)
                    {
                        var accepted202 = Stopwatch.GetTimestamp();
                        lock (probes)
                        {
                            probes.Add(Task.Run(async () =>
                            {
                                if (await WaitReadableAsync(call.PlanId!, expected, TimeSpan.FromSeconds(30), ct))
                                    latencies.Add(Stopwatch.GetElapsedTime(accepted202).TotalSeconds);
                                else
                                    Interlocked.Increment(ref unreadable);
                            }, ct));
                        }
                    }
                }
                finally
                {
                    slots.Release();
                }
            }, ct));
        }
        await Task.WhenAll(sends);
        var seconds = clock.Elapsed.TotalSeconds;
        Task[] pending;
        lock (probes)
            pending = [.. probes];
        await Task.WhenAll(pending);

        var sorted = latencies.Order().ToList();
        double At(double q) => sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 3);
        var factCount = facts.Sum(f => (long)f);
        return new Result(calls.Count, factCount, Math.Round(seconds, 2), Math.Round(calls.Count / seconds), Math.Round(factCount / seconds),
            sorted.Count, At(0.50), At(0.95), At(0.99),
            sorted.Count == 0 ? double.NaN : Math.Round(sorted[^1], 3), unreadable);
    }

    async Task<bool> WaitReadableAsync(string planId, int messages, TimeSpan within, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            using var response = await scoring.GetAsync($"api/v1/plans/{planId}/score", ct);
            if (response.StatusCode == HttpStatusCode.OK
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.TryGetProperty("messages", out var covered)
                && covered.ValueKind == JsonValueKind.Number && covered.GetInt32() >= messages)
                return true;
            await Task.Delay(100, ct);
        }
        return false;
    }
}
