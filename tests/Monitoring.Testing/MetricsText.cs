using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitoring.Testing;

/// <summary>Reads samples from a service's <c>/metrics</c> (Prometheus text format), as Prometheus would scrape them.</summary>
public static partial class MetricsText
{
    /// <summary>
    /// The value of the one sample of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>
    /// (<c>city="330100"</c>…); throws when there is none or several.
    /// </summary>
    public static async Task<double> SampleAsync(HttpClient service, string name, params string[] labels)
    {
        var text = await service.GetStringAsync("metrics");
        var values = text.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).ToList();
        return values.Count == 1 ? values[0]
            : throw new InvalidOperationException($"{values.Count} samples of {name} with {string.Join(", ", labels)} on /metrics, not one");
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();
}
