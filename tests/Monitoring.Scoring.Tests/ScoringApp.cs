using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Monitoring.Testing;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Scoring in this test process against the real broker and database of <paramref name="environment"/>;
/// two apps on one environment are two replicas competing for the same queues.
/// </summary>
public sealed class ScoringApp(TestEnvironment environment) : WebApplicationFactory<Program>
{
    public TestEnvironment Environment => environment;

    public static async Task<ScoringApp> StartAsync(TestEnvironment environment)
    {
        System.Environment.SetEnvironmentVariable("MONITORING_LOCAL_SETTINGS", "/nonexistent");
        var app = new ScoringApp(environment);
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = environment.Settings(0).Where(s => s.Key.Contains("__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Scoring:Debounce"] = "00:00:00.200";
        settings["Scoring:RescorePollInterval"] = "00:00:00.050";
        settings["Scoring:ClosingGrace"] = "00:00:00.500";
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }

    public HttpClient Client(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestKeys.Bearer(key);
        return client;
    }
}
