using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitoring.Testing;

/// <summary>
/// One of the four services, run as its own process from its build output, as it runs in production:
/// its own configuration (environment variables), its own port, and a real kill when a test asks.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    static readonly string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    readonly Process process;
    readonly ConcurrentQueue<string> output = new();
    readonly TextWriter? file;

    readonly TestEnvironment environment;
    readonly IReadOnlyDictionary<string, string>? settings;

    ServiceProcess(string service, Process process, Uri baseAddress, TestEnvironment environment, IReadOnlyDictionary<string, string>? settings)
    {
        this.environment = environment;
        this.settings = settings;
        file = TestLogs.Open(service);
        var keys = environment.Keys;
        Service = service;
        this.process = process;
        BaseAddress = baseAddress;
        // The operator key passes every policy; tests of roles set their own header per request.
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = TestKeys.Bearer(keys.Operator);
    }

    public string Service { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public bool HasExited => process.HasExited;

    /// <summary>What the process wrote so far (its structured logs), for assertions and failure messages.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts a service (ingest, scoring, alerts or notice) and waits until <c>/health/ready</c> answers 200.</summary>
    public static Task<ServiceProcess> StartAsync(string service, TestEnvironment environment, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(service, environment, settings, FreePort());

    /// <summary>
    /// The same service started again on the same port with the same settings, as Kubernetes restarts a pod behind its
    /// Service: for a test that killed this one (<see cref="KillAsync"/>) and whose clients keep their address.
    /// </summary>
    public Task<ServiceProcess> StartAgainAsync() => StartAsync(Service, environment, settings, BaseAddress.Port);

    static async Task<ServiceProcess> StartAsync(string service, TestEnvironment environment, IReadOnlyDictionary<string, string>? settings, int port)
    {
        var name = "Monitoring." + char.ToUpperInvariant(service[0]) + service[1..];
        var directory = Path.Combine(Repository.Root, "services", service, "bin", Configuration, "net10.0");
        var dll = Path.Combine(directory, name + ".dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the solution first (dotnet build Monitoring.sln -c {Configuration})");

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment.Settings(port))
            start.Environment[key] = value;
        // A setting may name the service's port as {port} (Urls with a second, management port).
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}");
        var started = new ServiceProcess(service, process, new Uri($"http://127.0.0.1:{port}/"), environment, settings);
        process.OutputDataReceived += (_, e) => started.Received(e.Data);
        process.ErrorDataReceived += (_, e) => started.Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.WaitUntilReadyAsync();
        return started;
    }

    void Received(string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        file?.WriteLine(line);
    }

    async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Service} exited with {process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Service} was not ready within 90 s:\n{Output}");
    }

    /// <summary>Kills the process outright (SIGKILL): no shutdown, no flush, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end by itself (for instance at a crash the test injected).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Service} was expected to exit within {timeout} and did not:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await KillAsync();
        process.Dispose();
        file?.Dispose();
        if (Output.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{Service} logged an unhandled exception:\n{Output}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
