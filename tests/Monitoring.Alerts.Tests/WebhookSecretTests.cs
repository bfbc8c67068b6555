using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Dapper;
using Monitoring.Alerts.Webhooks;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>
/// A webhook's signing secret is shown once, when it is created: stored sealed under the configured key, never in the
/// clear, never in a read; and the sealing key can be rotated without a receiver noticing.
/// </summary>
public sealed class WebhookSecretTests
{
    [Fact]
    public async Task Rotating_the_sealing_key_keeps_deliveries_signed_with_the_webhooks_secret_and_never_stores_it_in_the_clear()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var receiver = new WebhookReceiver();
        var oldKey = Convert.ToBase64String(environment.WebhookSecretKey);
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string secret;
        await using (var before = await Scenario.CreateAsync(environment, allowPrivateAddresses: true))
            secret = await WebhookTests.RegisterAsync(before, "330100", receiver.Url);
        Assert.StartsWith($"v2:{WebhookSecrets.KeyIdOf(oldKey)}:", await StoredAsync(environment, secret), StringComparison.Ordinal);

        // The rotation: the new key is current, the old one may still open. Starting seals every secret again.
        await using (var rotating = await Scenario.CreateAsync(environment, allowPrivateAddresses: true, settings: Keys(newKey, oldKey)))
        {
            Assert.StartsWith($"v2:{WebhookSecrets.KeyIdOf(newKey)}:", await StoredAsync(environment, secret), StringComparison.Ordinal);
            await DeliverAsync(rotating, "P-ROTATE-1");
        }

        // Once every replica has started so, the old key goes.
        await using (var after = await Scenario.CreateAsync(environment, allowPrivateAddresses: true, settings: Keys(newKey)))
            await DeliverAsync(after, "P-ROTATE-2");

        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(WebhookSignature.Verify(secret, r.Headers[WebhookSignature.TimestampHeader], r.Body,
            r.Headers[WebhookSignature.SignatureHeader]), "the signature verifies with the secret given at registration"));

        // A service without the key its secrets are sealed under signs nothing with a wrong key: the delivery fails and waits.
        await using (var lost = await Scenario.CreateAsync(environment, allowPrivateAddresses: true,
            settings: Keys(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))))
        {
            Assert.Contains("open under no configured key", lost.App.Logs, StringComparison.Ordinal);
            await DeliverAsync(lost, "P-ROTATE-3");
            Assert.Equal(1, await lost.CountAsync(
                "SELECT count(*) FROM alerts.deliveries WHERE status = 'pending' AND last_error LIKE '%neither Alerts:Webhooks:SecretKey nor%'"));
        }
        Assert.Equal(2, receiver.Requests.Count);
        Assert.StartsWith($"v2:{WebhookSecrets.KeyIdOf(newKey)}:", await StoredAsync(environment, secret), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_read_returns_the_secret_after_it_was_created()
    {
        await using var s = await Scenario.CreateAsync(allowPrivateAddresses: true);
        await using var receiver = new WebhookReceiver();
        using var client = s.Operator;
        var created = await client.PostAsJsonAsync("api/v1/webhooks", new { region = "330100", url = receiver.Url });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var secret = webhook.GetProperty("secret").GetString()!;
        await DeliverAsync(s, "P-READ");
        var stored = await StoredAsync(s.Environment, secret);

        string[] reads = ["api/v1/webhooks", $"api/v1/webhooks/{webhook.GetProperty("webhookId").GetGuid()}/deliveries", "api/v1/warnings?region=330000"];
        foreach (var path in reads)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(stored, body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"secret\"", body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(secret, await client.GetStringAsync("openapi/v1.json"), StringComparison.Ordinal);
    }

    static Dictionary<string, string?> Keys(string current, params string[] previous)
    {
        var settings = new Dictionary<string, string?> { ["Alerts:Webhooks:SecretKey"] = current };
        for (var i = 0; i < previous.Length; i++)
            settings[$"Alerts:Webhooks:PreviousSecretKeys:{i}"] = previous[i];
        return settings;
    }

    /// <summary>The one webhook's stored secret, after checking that no column of any webhook row holds <paramref name="secret"/>.</summary>
    static async Task<string> StoredAsync(TestEnvironment environment, string secret)
    {
        await using var connection = environment.OpenConnection();
        var rows = string.Join("\n", await connection.QueryAsync<string>("SELECT row_to_json(w)::text FROM alerts.webhooks w"));
        Assert.DoesNotContain(secret, rows, StringComparison.Ordinal);
        return await connection.QuerySingleAsync<string>("SELECT secret FROM alerts.webhooks");
    }

    /// <summary>Raises a warning of Hangzhou for <paramref name="planId"/> and runs the dispatcher over its delivery.</summary>
    static async Task DeliverAsync(Scenario s, string planId)
    {
        var before = await s.CountAsync("SELECT count(*) FROM alerts.deliveries");
        await s.Bus.PublishAsync(new IndicatorBreached(planId, "S3001", "330106", "video", "video.coverage", "video-coverage",
            WarningLevel.Orange, "视频未全覆盖", s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.deliveries"), n => n == before + 1, "the delivery to be written");
        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));
    }
}
