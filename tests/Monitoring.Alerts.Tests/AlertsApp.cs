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
/// <remarks>
/// Webhooks reach only public addresses unless <paramref name="allowPrivateAddresses"/>: tests whose receiver listens
/// on this machine set it, as no production deployment would. <paramref name="addresses"/> replaces DNS (a name
/// that changes its address between registration and delivery). <paramref name="overrides"/> replace the environment's
/// (another webhook sealing key).
/// </remarks>
public sealed class AlertsApp(TestEnvironment environment, FakeTimeProvider time, bool allowPrivateAddresses = false,
    WebhookAddresses? addresses = null, IReadOnlyDictionary<string, string?>? overrides = null) : InProcessService<Program>
{
    public override TestEnvironment Environment => environment;
    public FakeTimeProvider Time => time;

    public static AlertsApp Start(TestEnvironment environment, FakeTimeProvider time, bool allowPrivateAddresses = false,
        WebhookAddresses? addresses = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var app = new AlertsApp(environment, time, allowPrivateAddresses, addresses, overrides);
        app.Start();
        return app;
    }

    public RectificationSweeper Sweeper => Services.GetRequiredService<RectificationSweeper>();
    public WebhookDispatcher Dispatcher => Services.GetRequiredService<WebhookDispatcher>();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Alerts:BackgroundWork"] = "false";
        settings["Alerts:Webhooks:AllowPrivateAddresses"] = allowPrivateAddresses ? "true" : "false";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(time);
        if (addresses is not null)
            services.AddSingleton(addresses);
    }
}
