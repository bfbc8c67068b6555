using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Alerts.Webhooks;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

public sealed class WebhookTests
{
    [Fact]
    public async Task A_center_receives_its_warnings_signed_and_retried_with_backoff_until_delivered()
    {
        // The receivers listen on this machine's loopback, which production refuses (WebhookSecurityTests).
        await using var s = await Scenario.CreateAsync(allowPrivateAddresses: true);
        await using var hangzhou = new WebhookReceiver(failFirst: 2);
        await using var ningbo = new WebhookReceiver();
        var secret = await RegisterAsync(s, "330100", hangzhou.Url);
        await RegisterAsync(s, "330200", ningbo.Url);

        await s.Bus.PublishAsync(new IndicatorBreached("P-HOOK", "S3001", "330106", "result-management", "results.implausible", "result-anomaly",
            WarningLevel.Yellow, "成绩分布异常", s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.deliveries"), n => n == 1, "the delivery to be written");

        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None)); // 500
        Assert.Equal(0, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None)); // not due again yet
        s.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None)); // 500 again
        s.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));
        s.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None)); // delivered

        var received = hangzhou.Requests.ToList();
        Assert.Equal([500, 500, 204], received.Select(r => r.AnsweredWith));
        Assert.Single(received.Select(r => r.Headers[WebhookSignature.DeliveryHeader]).Distinct());
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(secret, r.Headers[WebhookSignature.TimestampHeader], r.Body,
            r.Headers[WebhookSignature.SignatureHeader]), "the signature verifies with the webhook's secret"));
        Assert.False(WebhookSignature.Verify("another secret", received[0].Headers[WebhookSignature.TimestampHeader], received[0].Body,
            received[0].Headers[WebhookSignature.SignatureHeader]));
        var warning = JsonDocument.Parse(received[^1].Body).RootElement;
        Assert.Equal(("warning.raised", "yellow", "result-anomaly", "330106"), (warning.GetProperty("event").GetString(),
            warning.GetProperty("level").GetString(), warning.GetProperty("kind").GetString(), warning.GetProperty("regionCode").GetString()));
        Assert.Equal(1, await s.CountAsync("SELECT count(*) FROM alerts.deliveries WHERE status = 'delivered' AND attempts = 3"));
        Assert.Empty(ningbo.Requests);

        // The same breach at a higher level escalates the warning: one more delivery, marked as an escalation.
        await s.Bus.PublishAsync(new IndicatorBreached("P-HOOK", "S3001", "330106", "result-management", "results.implausible", "result-anomaly",
            WarningLevel.Red, "成绩分布严重异常", s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.deliveries"), n => n == 2, "the escalation's delivery");
        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal("warning.escalated", JsonDocument.Parse(hangzhou.Requests.Last().Body).RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_given_up_after_the_last_backoff_and_the_delivery_is_kept()
    {
        await using var s = await Scenario.CreateAsync(allowPrivateAddresses: true);
        await using var dead = new WebhookReceiver(failFirst: int.MaxValue);
        await RegisterAsync(s, "330000", dead.Url);
        await s.Bus.PublishAsync(new IndicatorBreached("P-DEAD", "S3002", "331002", "video", "video.coverage", "video-coverage",
            WarningLevel.Orange, "视频未全覆盖", s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.deliveries"), n => n == 1, "the delivery to be written");

        for (var attempt = 0; attempt < 9; attempt++)
        {
            Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));
            s.Time.Advance(TimeSpan.FromHours(7));
        }

        Assert.Equal(0, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(1, await s.CountAsync("SELECT count(*) FROM alerts.deliveries WHERE status = 'failed' AND attempts = 9 AND last_error = 'HTTP 500'"));
        Assert.Equal(1, await s.CountAsync("SELECT count(*) FROM alerts.warnings WHERE plan_id = 'P-DEAD'"));
    }

    internal static async Task<string> RegisterAsync(Scenario s, string region, string url)
    {
        using var client = s.Operator;
        var response = await client.PostAsJsonAsync("api/v1/webhooks", new { region, url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
    }
}
