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
public sealed class AlertsApp(TestEnvironment environment, FakeTimeProvider time) : InProcessService<Program>
{
    public override TestEnvironment Environment => environment;
    public FakeTimeProvider Time => time;

    public static AlertsApp Start(TestEnvironment environment, FakeTimeProvider time)
    {
        var app = new AlertsApp(environment, time);
        app.Start();
        return app;
    }

    public RectificationSweeper Sweeper => Services.GetRequiredService<RectificationSweeper>();
    public WebhookDispatcher Dispatcher => Services.GetRequiredService<WebhookDispatcher>();

    protected override void Configure(IDictionary<string, string?> settings) => settings["Alerts:BackgroundWork"] = "false";

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(time);
}
