namespace Monitoring.Testing;

/// <summary>
/// Every service log of a test run on disk, when <c>MONITORING_TEST_LOGS</c> names a folder (scripts/test.sh does):
/// a file per service process or in-process host, so that after the whole suite one grep finds any unhandled
/// exception, whichever test's service logged it and whether or not that test looked.
/// </summary>
public static class TestLogs
{
    static readonly string? Folder = Environment.GetEnvironmentVariable("MONITORING_TEST_LOGS") is { Length: > 0 } folder ? folder : null;

    /// <summary>A new file for one service's log, or null when the run keeps no logs on disk.</summary>
    public static TextWriter? Open(string service)
    {
        if (Folder is null)
            return null;
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{service}-{Guid.NewGuid().ToString("N")[..12]}.log");
        return TextWriter.Synchronized(new StreamWriter(path, append: false) { AutoFlush = true });
    }
}
