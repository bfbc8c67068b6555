using System.Globalization;
using System.Text.Json;

namespace Monitoring.Demo.Scenario;

/// <summary>
/// What a day costs the machine, for <c>bench/peak.sh</c>: CPU-seconds of each process between two snapshots (the
/// four services, RabbitMQ's <c>beam.smp</c>, PostgreSQL's postmaster with every backend, exited ones included
/// through the postmaster's reaped-children time), each service's peak RSS, and the messages published on the
/// broker in this run's virtual host (RabbitMQ's management API). Linux only: it reads <c>/proc</c>.
/// </summary>
public sealed class RunMeasure(string? postgresDirectory, string? management, string? virtualHost)
{
    /// <summary>Clock ticks a second in <c>/proc/*/stat</c> (USER_HZ, 100 on every Linux this runs on).</summary>
    const double TicksPerSecond = 100;

    static readonly string[] Services = ["ingest", "scoring", "alerts", "notice"];

    public sealed record Snapshot(DateTimeOffset At, IReadOnlyDictionary<string, double> CpuSeconds, long? BrokerPublished);

    public async Task<Snapshot> TakeAsync(HttpClient http)
    {
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pid, cmdline) in Processes())
        {
            if (ServiceOf(cmdline) is { } service)
                cpu[service] = cpu.GetValueOrDefault(service) + Cpu(pid, children: false);
            else if (cmdline.Contains("beam.smp", StringComparison.Ordinal))
                cpu["rabbitmq"] = cpu.GetValueOrDefault("rabbitmq") + Cpu(pid, children: false);
        }
        if (PostmasterPid() is { } postmaster)
        {
            var postgres = Cpu(postmaster, children: true);
            foreach (var (pid, _) in Processes().Where(p => ParentOf(p.Pid) == postmaster))
                postgres += Cpu(pid, children: false);
            cpu["postgres"] = postgres;
        }
        return new Snapshot(DateTimeOffset.UtcNow, cpu, await PublishedAsync(http));
    }

    /// <summary>Each service's peak resident set (VmHWM), in MB.</summary>
    public static IReadOnlyDictionary<string, double> PeakRss()
    {
        var rss = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pid, cmdline) in Processes())
        {
            if (ServiceOf(cmdline) is not { } service)
                continue;
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
                rss[service] = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        return rss;
    }

    /// <summary>Which of the four services a process runs (<c>dotnet …/Monitoring.Scoring.dll</c>), if any.</summary>
    static string? ServiceOf(string cmdline) =>
        Services.FirstOrDefault(s => cmdline.Contains($"Monitoring.{char.ToUpperInvariant(s[0])}{s[1..]}.dll", StringComparison.Ordinal));

    async Task<long?> PublishedAsync(HttpClient http)
    {
        if (management is null || virtualHost is null)
            return null;
        // The address carries the management user (http://user:password@host:port/api): HttpClient sends it only as a header.
        var address = new Uri($"{management.TrimEnd('/')}/vhosts/{Uri.EscapeDataString(virtualHost)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(address) { UserName = "", Password = "" }.Uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(address.UserInfo))));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var vhost = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return vhost.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("publish", out var published) ? published.GetInt64() : 0;
    }

    int? PostmasterPid()
    {
        // scripts/infra.sh keeps the cluster in INFRA_PG_DIR/data; a data directory itself is accepted too.
        var file = postgresDirectory is null ? null
            : new[] { Path.Combine(postgresDirectory, "data", "postmaster.pid"), Path.Combine(postgresDirectory, "postmaster.pid") }.FirstOrDefault(File.Exists);
        return file is not null ? int.Parse(File.ReadLines(file).First(), CultureInfo.InvariantCulture) : null;
    }

    static IEnumerable<(int Pid, string Cmdline)> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            string cmdline;
            try
            {
                cmdline = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue; // gone meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            yield return (pid, cmdline);
        }
    }

    /// <summary>Fields of <c>/proc/PID/stat</c> after the command name (which may hold spaces): index 0 is field 3.</summary>
    static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    static int? ParentOf(int pid) => Stat(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;

    /// <summary>utime + stime (fields 14, 15), plus cutime + cstime (16, 17) of reaped children when asked.</summary>
    static double Cpu(int pid, bool children)
    {
        if (Stat(pid) is not { } f)
            return 0;
        double Field(int n) => double.Parse(f[n - 3], CultureInfo.InvariantCulture);
        var ticks = Field(14) + Field(15) + (children ? Field(16) + Field(17) : 0);
        return ticks / TicksPerSecond;
    }
}
