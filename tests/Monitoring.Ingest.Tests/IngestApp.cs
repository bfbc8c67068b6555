using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>
/// Ingest in this test process (WebApplicationFactory) against the real broker and database, in a virtual
/// host and database of its own. Settings override everything the service would otherwise read.
/// </summary>
public class IngestApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    TestEnvironment? environment;

    public TestEnvironment Environment => environment ?? throw new InvalidOperationException("The app is not initialized yet");

    /// <summary>Settings a derived fixture changes (a low rate limit, a short publish timeout).</summary>
    protected virtual IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Ingest:RateLimitPerSecond"] = "100000",
        ["Ingest:RateLimitBurst"] = "100000",
    };

    public async Task InitializeAsync()
    {
        System.Environment.SetEnvironmentVariable("MONITORING_LOCAL_SETTINGS", "/nonexistent");
        environment = await TestEnvironment.CreateAsync();
        // Starts the host now: migrations and the bus are ready before the first test request.
        _ = Server;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = Environment.Settings(0).Where(s => s.Key.Contains("__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        // The in-process app logs to this test run's console: warnings and errors are what a reader needs there.
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in Overrides)
            settings[key] = value;
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }

    /// <summary>A client that sends <paramref name="key"/> (the platform key when null).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestKeys.Bearer(key ?? Environment.Keys.Platform);
        return client;
    }
}
