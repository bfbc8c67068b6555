using System.Globalization;

namespace Monitoring.Faults.Tests;

/// <summary>The faults the suite injects.</summary>
public enum FaultKind
{
    /// <summary>A consumer service killed with SIGKILL and started again.</summary>
    KillScoring,
    KillAlerts,
    KillNotice,

    /// <summary>Ingest killed with SIGKILL while an import is being answered, and started again.</summary>
    KillIngestMidImport,

    /// <summary>RabbitMQ's application stopped and started; the Erlang node stays up.</summary>
    RestartBrokerApplication,

    /// <summary>The whole RabbitMQ node stopped and started again with its data.</summary>
    RestartBrokerNode,

    /// <summary>PostgreSQL stopped without a checkpoint (as a crash) and started again; recovery replays the WAL.</summary>
    CrashDatabase,
}

/// <summary>One fault: when after the day began, which, and how long the thing stays down.</summary>
public sealed record Fault(TimeSpan At, FaultKind Kind, TimeSpan Down)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{At.TotalSeconds,5:0.0} s  {Kind,-24} down {Down.TotalSeconds:0.0} s");
}

/// <summary>
/// A day's faults, drawn from a seed: every kind at least once (the consumers several times), at moments spread over
/// the day's sending and its settling, when the consequences (tasks, notices) are being made. The same seed gives the
/// same schedule; a failure prints both.
/// </summary>
public sealed record FaultSchedule(int Seed, IReadOnlyList<Fault> Faults)
{
    static readonly (FaultKind Kind, int Times)[] Counts =
    [
        (FaultKind.KillScoring, 3), (FaultKind.KillAlerts, 3), (FaultKind.KillNotice, 2), (FaultKind.KillIngestMidImport, 1),
        (FaultKind.RestartBrokerApplication, 1), (FaultKind.RestartBrokerNode, 1), (FaultKind.CrashDatabase, 1),
    ];

    /// <summary>Faults at random moments of <paramref name="window"/>; ingest's during the sending, which takes <paramref name="sending"/>.</summary>
    public static FaultSchedule Draw(int seed, TimeSpan sending, TimeSpan window)
    {
        var random = new Random(seed);
        var faults = new List<Fault>();
        foreach (var (kind, times) in Counts)
            for (var i = 0; i < times; i++)
            {
                var within = kind == FaultKind.KillIngestMidImport ? sending * 0.8 : window;
                var down = kind switch
                {
                    FaultKind.RestartBrokerApplication or FaultKind.RestartBrokerNode => TimeSpan.FromSeconds(1 + random.NextDouble() * 4),
                    FaultKind.CrashDatabase => TimeSpan.FromSeconds(1 + random.NextDouble() * 3),
                    _ => TimeSpan.FromSeconds(random.NextDouble() * 2),
                };
                faults.Add(new Fault(within * random.NextDouble(), kind, down));
            }
        return new FaultSchedule(seed, [.. faults.OrderBy(f => f.At)]);
    }

    public override string ToString() =>
        $"seed {Seed} (run again with MONITORING_FAULT_SEED={Seed}); faults:\n  " + string.Join("\n  ", Faults);
}
