using System.Globalization;

namespace Monitoring.Bench.Ingest;

/// <summary>Samples a process's resident memory (VmRSS) every 50 ms and keeps the peak.</summary>
sealed class MemorySampler : IDisposable
{
    readonly int pid;
    readonly Timer timer;
    long peak;

    public MemorySampler(int pid)
    {
        this.pid = pid;
        peak = Current;
        timer = new Timer(_ => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Current)), null, 0, 50);
    }

    public long Current
    {
        get
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            return 0;
        }
    }

    public long Peak => Interlocked.Read(ref peak);

    public void Dispose() => timer.Dispose();
}
