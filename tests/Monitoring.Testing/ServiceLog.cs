using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Monitoring.Testing;

/// <summary>
/// What a service under test logs, kept for the test instead of printed: warnings and errors (for a failing
/// test's message), unhandled exceptions (what ASP.NET Core's exception handler logs for a request that ended in
/// a 500), and every request as the host's diagnostics log it when it finished, with the status it was answered.
/// </summary>
public sealed class ServiceLog : ILoggerProvider
{
    /// <summary>The category under which ASP.NET Core's hosting logs "Request finished" (at Information).</summary>
    public const string RequestsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    const int RequestFinishedEvent = 2;
    const int Kept = 1000;

    readonly ConcurrentQueue<string> warnings = new();
    readonly TextWriter? file;
    readonly ConcurrentQueue<string> unhandled = new();
    readonly ConcurrentQueue<FinishedRequest> serverErrors = new();
    readonly ConcurrentQueue<FinishedRequest> recent = new();
    long finished;

    /// <summary>Warnings and errors, the first thousand.</summary>
    public IReadOnlyCollection<string> Warnings => warnings;

    public IReadOnlyCollection<string> UnhandledExceptions => unhandled;

    /// <summary>Requests answered with a 5xx.</summary>
    public IReadOnlyCollection<FinishedRequest> ServerErrors => serverErrors;

    /// <summary>How many requests have finished so far.</summary>
    public long FinishedRequests => Interlocked.Read(ref finished);

    /// <summary>The last requests to finish, newest last.</summary>
    public IReadOnlyList<FinishedRequest> RecentRequests => [.. recent];

    /// <summary>
    /// Waits until more than <paramref name="count"/> requests have finished: the host logs a request after the
    /// client already has its answer.
    /// </summary>
    public Task WaitForFinishedRequestsAsync(long count) =>
        Eventually.ReturnsAsync(() => Task.FromResult(FinishedRequests), n => n >= count, $"{count} requests to finish", TimeSpan.FromSeconds(10));

    /// <summary>A log of <paramref name="service"/>; warnings and errors also go to a file of <see cref="TestLogs"/>.</summary>
    public ServiceLog(string service = "service") => file = TestLogs.Open(service);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    void Finished(FinishedRequest request)
    {
        Interlocked.Increment(ref finished);
        if (request.StatusCode >= 500)
            serverErrors.Enqueue(request);
        recent.Enqueue(request);
        while (recent.Count > Kept)
            recent.TryDequeue(out _);
    }

    sealed class Logger(string category, ServiceLog log) : ILogger
    {
        readonly bool requests = category == RequestsCategory;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || (requests && logLevel == LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (requests && eventId.Id == RequestFinishedEvent && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                log.Finished(FinishedRequest.From(fields));
                return;
            }
            if (logLevel < LogLevel.Warning)
                return;
            var message = formatter(state, exception);
            log.file?.WriteLine($"{DateTime.UtcNow:O} {logLevel} {category}: {message}{(exception is null ? "" : "\n" + exception)}");
            if (log.warnings.Count < Kept)
                log.warnings.Enqueue($"{logLevel} {category}: {message}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
            if (logLevel >= LogLevel.Error && message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))
                log.unhandled.Enqueue($"{category}: {message} {exception}");
        }
    }
}

/// <summary>A request as the host logged it when it finished.</summary>
public sealed record FinishedRequest(string Method, string Path, int StatusCode)
{
    internal static FinishedRequest From(IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        string Field(string name) => fields.FirstOrDefault(f => f.Key == name).Value?.ToString() ?? "";
        return new(Field("Method"), Field("Path") + Field("QueryString"), fields.FirstOrDefault(f => f.Key == "StatusCode").Value is int status ? status : 0);
    }

    public override string ToString() => $"{Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)} → {StatusCode}";
}
