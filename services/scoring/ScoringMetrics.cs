using Prometheus;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.Scoring;

public sealed class ScoringMetrics(HostMetrics host)
{
    public Counter Scored { get; } = host.Factory.CreateCounter(
        "monitoring_scoring_plans_scored_total", "Plan scorings, by status (provisional, final) and whether the score changed (yes, no).",
        new CounterConfiguration { LabelNames = ["status", "changed"] }).WithSeries(["provisional", "final"], ["yes", "no"]);

    public Histogram FinalScores { get; } = host.Factory.CreateHistogram(
        "monitoring_scoring_final_scores", "Each plan's final score, observed once when it becomes final, by city; the 59.99 bucket holds the plans below 60 (rectification).",
        new HistogramConfiguration { LabelNames = ["city"], Buckets = [10, 20, 30, 40, 50, 59.99, 60, 70, 80, 90, 100] }).WithSeries(Jurisdiction.Cities);
    public Counter Failures { get; } = host.Factory.CreateCounter(
        "monitoring_scoring_failures_total", "Scorings that failed because a rule threw, by policy version and rule.",
        new CounterConfiguration { LabelNames = ["policy_version", "rule"] });

    public Counter Breaches { get; } = host.Factory.CreateCounter(
        "monitoring_scoring_breaches_total", "Breaches and events raised, by rule.",
        new CounterConfiguration { LabelNames = ["rule"] });

    public Histogram Duration { get; } = host.Factory.CreateHistogram(
        "monitoring_scoring_duration_seconds", "Time of a rescore pass: claim a batch of due plans, load their facts, evaluate the policy, store the scores.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 12) });

    public Histogram BatchPlans { get; } = host.Factory.CreateHistogram(
        "monitoring_scoring_batch_plans", "Plans scored together in one rescore pass (one transaction, one policy session).",
        new HistogramConfiguration { Buckets = [1, 2, 5, 10, 20, 50, 100, 200, 500] });

    public Gauge QueueDue { get; } = host.Factory.CreateGauge(
        "monitoring_scoring_rescore_due", "Plans due for a rescore and not yet taken (lag of the rescore worker).");
}
