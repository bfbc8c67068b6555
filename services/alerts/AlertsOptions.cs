using System.ComponentModel.DataAnnotations;

namespace Monitoring.Alerts;

/// <summary>The <c>Alerts</c> section.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// Whether this instance runs the sweeper and the webhook dispatcher in the background (false for an
    /// instance that only serves the API, or a test that runs them itself on its own clock).
    /// </summary>
    public bool BackgroundWork { get; init; } = true;

    /// <summary>How often the sweeper looks for rectification deadlines that passed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the webhook dispatcher looks for deliveries that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan DeliveryPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Waits between attempts of a delivery; after the last one it is marked failed (and kept).</summary>
    public TimeSpan[] DeliveryBackoff { get; init; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
    ];

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A second suspension within this many months revokes the org's qualification.</summary>
    [Range(1, 120)]
    public int RevocationWindowMonths { get; init; } = 12;

    /// <summary>Plan scores handled in one transaction (scoring publishes one each time a score changes: thousands on an exam day).</summary>
    [Range(1, 2000)]
    public int ScoreBatchSize { get; init; } = 200;

    /// <summary>How long a batch of plan scores waits to fill.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan ScoreBatchTimeLimit { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Red warnings of these kinds revoke the org once an operator confirms them, each with what the written
    /// notice calls the problem (经核实存在{name}等严重问题). Configured kinds are added to these.
    /// </summary>
    public Dictionary<string, string> RevokingKinds { get; init; } = new(StringComparer.Ordinal)
    {
        ["fraud"] = "弄虚作假",
        ["question-leak"] = "泄露试题",
    };
}
