using Prometheus;

namespace Monitoring.ServiceDefaults.Telemetry;

/// <summary>
/// Series whose label values are known in advance (message types, outcomes, cities, notice kinds) created at 0 when
/// their collector is: a burst between two scrapes then shows as an increase to <c>rate</c>, not as a series born
/// with its final value, and a value never seen shows 0 on a dashboard rather than no data.
/// </summary>
public static class SeriesFromStart
{
    /// <summary>Creates the series of every combination of <paramref name="labelValues"/>: one list a label, in the collector's label order.</summary>
    public static Counter WithSeries(this Counter counter, params IReadOnlyList<string>[] labelValues)
    {
        foreach (var labels in Combinations(labelValues))
            counter.WithLabels(labels);
        return counter;
    }

    /// <inheritdoc cref="WithSeries(Counter, IReadOnlyList{string}[])"/>
    public static Histogram WithSeries(this Histogram histogram, params IReadOnlyList<string>[] labelValues)
    {
        foreach (var labels in Combinations(labelValues))
            histogram.WithLabels(labels);
        return histogram;
    }

    static IEnumerable<string[]> Combinations(IReadOnlyList<string>[] labelValues) =>
        labelValues.Aggregate((IEnumerable<string[]>)[[]], (combinations, values) => combinations.SelectMany(c => values.Select(v => (string[])[.. c, v])));
}
