using Prometheus;

namespace Monitoring.Scoring;

public static class ScoringMetrics
{
    public static readonly Counter Scored = Metrics.CreateCounter(
        "monitoring_scoring_plans_scored_total", "Plan scorings, by status (provisional, final) and whether the score changed.",
        new CounterConfiguration { LabelNames = ["status", "changed"] });

    public static readonly Counter Failures = Metrics.CreateCounter(
        "monitoring_scoring_failures_total", "Scorings that failed because a rule threw, by policy version and rule.",
        new CounterConfiguration { LabelNames = ["policy_version", "rule"] });

    public static readonly Counter Breaches = Metrics.CreateCounter(
        "monitoring_scoring_breaches_total", "Breaches and events raised, by rule.",
        new CounterConfiguration { LabelNames = ["rule"] });

    public static readonly Histogram Duration = Metrics.CreateHistogram(
        "monitoring_scoring_duration_seconds", "Time to load a plan's facts, evaluate the policy and store the score.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 12) });

    public static readonly Gauge QueueDue = Metrics.CreateGauge(
        "monitoring_scoring_rescore_due", "Plans due for a rescore and not yet taken (lag of the rescore worker).");
}
