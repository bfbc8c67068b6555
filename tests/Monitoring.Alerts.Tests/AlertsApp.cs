using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Alerts.Rectifications;
using Monitoring.Alerts.Webhooks;
using Monitoring.Testing;

namespace Monitoring.Alerts.Tests;

/// <summary>
/// Alerts in this test process on the real broker and database, with a <see cref="FakeTimeProvider"/>: the
/// test moves time, and runs the sweeper and the webhook dispatcher itself, so deadlines are exact.
/// </summary>
public sealed class AlertsApp(TestEnvironment environment, FakeTimeProvider time) : WebApplicationFactory<Program>
{
    public TestEnvironment Environment => environment;
    public FakeTimeProvider Time => time;

    public static AlertsApp Start(TestEnvironment environment, FakeTimeProvider time)
    {
        System.Environment.SetEnvironmentVariable("MONITORING_LOCAL_SETTINGS", "/nonexistent");
        var app = new AlertsApp(environment, time);
        _ = app.Server;
        return app;
    }

    public RectificationSweeper Sweeper => Services.GetRequiredService<RectificationSweeper>();
    public WebhookDispatcher Dispatcher => Services.GetRequiredService<WebhookDispatcher>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = environment.Settings(0).Where(s => s.Key.Contains("__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Alerts:BackgroundWork"] = "false";
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
    }

    public HttpClient Client(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestKeys.Bearer(key);
        return client;
    }
}
