using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Monitoring.Alerts.Webhooks;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>
/// A webhook URL is a request alerts makes on a center's behalf: it must never reach the platform's own
/// network (server-side request forgery). Registration refuses what it can see; every delivery checks the
/// addresses the host resolves to at that moment, and connects only to one that passed.
/// </summary>
public sealed class WebhookSecurityTests
{
    public static TheoryData<string> RefusedUrls() =>
    [
        "http://localhost:8080/hooks",
        "http://LOCALHOST./hooks",
        "http://[::1]/hooks",
        "http://[::ffff:127.0.0.1]/hooks",
        "http://0x7f000001/hooks",
        "http://2130706433/hooks",
        "http://0177.0.0.1/hooks",
        "http://127.1/hooks",
        "http://0.0.0.0/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.1/hooks",
        "http://172.16.5.4/hooks",
        "http://192.168.1.1/hooks",
        "http://[fd00::1]/hooks",
        "http://[64:ff9b::7f00:1]/hooks",
        "http://no-such-host.invalid/hooks",
        "http://user:pass@93.184.216.34/hooks",
        "http://93.184.216.34/a\r\nX-Injected: 1",
        "http://93.184.216.34/hooks\n",
        "file:///etc/passwd",
        "gopher://93.184.216.34/",
        "http://93.184.216.34/" + new string('a', 2048),
    ];

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_url_that_could_reach_the_platforms_own_network_is_refused_at_registration(string url)
    {
        await using var s = await Scenario.CreateAsync();
        using var client = s.Operator;

        var response = await client.PostAsJsonAsync("api/v1/webhooks", new { region = "330100", url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _), errors.GetRawText());
        Assert.Equal(0, await s.CountAsync("SELECT count(*) FROM alerts.webhooks"));
    }

    [Theory]
    [InlineData("330100\n")]
    [InlineData("3301%")]
    [InlineData("339900")]
    public async Task A_region_that_is_not_a_zhejiang_region_code_is_refused(string region)
    {
        await using var s = await Scenario.CreateAsync();
        using var client = s.Operator;

        var response = await client.PostAsJsonAsync("api/v1/webhooks", new { region, url = "https://93.184.216.34/hooks" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("region", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_to_a_name_that_resolves_to_127_0_0_1_is_refused_and_nothing_reaches_the_receiver()
    {
        // The name resolved to a public address when the webhook was registered, and to loopback when the
        // warning is delivered (DNS rebinding): only the check at connection time can catch it.
        var addresses = new RebindingAddresses("hooks.center.example", IPAddress.Parse("93.184.216.34"), IPAddress.Loopback);
        await using var s = await Scenario.CreateAsync(addresses: addresses);
        await using var receiver = new WebhookReceiver();
        await WebhookTests.RegisterAsync(s, "330100", $"https://hooks.center.example:{receiver.Port}/hooks/warnings");
        addresses.Rebind();

        await s.Bus.PublishAsync(new IndicatorBreached("P-REBIND", "S3001", "330106", "video", "video.coverage", "video-coverage",
            WarningLevel.Orange, "视频未全覆盖", s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.deliveries"), n => n == 1, "the delivery to be written");
        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Empty(receiver.Requests);
        Assert.Equal(1, await s.CountAsync("""
            SELECT count(*) FROM alerts.deliveries WHERE status = 'pending' AND attempts = 1 AND last_error LIKE 'refused: hooks.center.example: %'
            """));
    }

    [Fact]
    public async Task A_webhook_stored_by_an_earlier_version_for_localhost_is_refused_at_delivery_by_real_name_resolution()
    {
        await using var s = await Scenario.CreateAsync();
        await using var receiver = new WebhookReceiver();
        var webhookId = Guid.CreateVersion7();
        await using (var connection = s.Environment.OpenConnection())
        {
            // As the unchecked registration of earlier versions stored it: in the clear, for localhost.
            await connection.ExecuteAsync(
                "INSERT INTO alerts.webhooks (webhook_id, region_code, url, secret, created_at) VALUES (@webhookId, '330100', @url, 'old-secret', now())",
                new { webhookId, url = $"http://localhost:{receiver.Port}/hooks/warnings" });
        }

        await s.Bus.PublishAsync(new IndicatorBreached("P-LOCAL", "S3001", "330106", "video", "video.coverage", "video-coverage",
            WarningLevel.Orange, "视频未全覆盖", s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.deliveries"), n => n == 1, "the delivery to be written");
        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Empty(receiver.Requests);
        Assert.Equal(1, await s.CountAsync("SELECT count(*) FROM alerts.deliveries WHERE last_error LIKE 'refused: localhost: %'"));
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var s = await Scenario.CreateAsync(allowPrivateAddresses: true);
        await using var target = new WebhookReceiver();
        await using var redirecting = new WebhookReceiver(redirectTo: target.Url);
        await WebhookTests.RegisterAsync(s, "330100", redirecting.Url);

        await s.Bus.PublishAsync(new IndicatorBreached("P-REDIRECT", "S3001", "330106", "video", "video.coverage", "video-coverage",
            WarningLevel.Orange, "视频未全覆盖", s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.deliveries"), n => n == 1, "the delivery to be written");
        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Single(redirecting.Requests);
        Assert.Empty(target.Requests);
        Assert.Equal(1, await s.CountAsync("SELECT count(*) FROM alerts.deliveries WHERE last_error = 'HTTP 302'"));
    }

    [Fact]
    public async Task The_signing_secret_is_sealed_at_rest_and_secrets_of_earlier_versions_are_sealed_on_start()
    {
        await using var s = await Scenario.CreateAsync(allowPrivateAddresses: true);
        await using var receiver = new WebhookReceiver();
        var secret = await WebhookTests.RegisterAsync(s, "330100", receiver.Url);

        await using var connection = s.Environment.OpenConnection();
        var sealedPrefix = $"v2:{WebhookSecrets.KeyIdOf(Convert.ToBase64String(s.Environment.WebhookSecretKey))}:";
        var stored = await connection.QuerySingleAsync<string>("SELECT secret FROM alerts.webhooks");
        Assert.StartsWith(sealedPrefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        var dump = string.Join("\n", await connection.QueryAsync<string>("SELECT row_to_json(w)::text FROM alerts.webhooks w"));
        Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);

        var legacy = Guid.CreateVersion7();
        await connection.ExecuteAsync(
            "INSERT INTO alerts.webhooks (webhook_id, region_code, url, secret, created_at) VALUES (@legacy, '330200', 'https://93.184.216.34/', 'clear-secret', now())",
            new { legacy });
        var secrets = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WebhookSecrets>(s.App.Services);
        await secrets.StartAsync(CancellationToken.None);
        var sealedLegacy = await connection.QuerySingleAsync<string>("SELECT secret FROM alerts.webhooks WHERE webhook_id = @legacy", new { legacy });
        Assert.StartsWith(sealedPrefix, sealedLegacy, StringComparison.Ordinal);
        Assert.Equal("clear-secret", secrets.Open(legacy, sealedLegacy));
        Assert.Throws<System.Security.Cryptography.AuthenticationTagMismatchException>(() => secrets.Open(Guid.CreateVersion7(), sealedLegacy));
    }

    [Theory]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://hooks.inside.example/hooks")]
    public async Task Registration_refuses_a_name_that_resolves_to_127_0_0_1(string url)
    {
        // localhost by the machine's real resolver; hooks.inside.example by a substitute that answers 127.0.0.1.
        await using var s = await Scenario.CreateAsync(addresses: new RebindingAddresses("hooks.inside.example", IPAddress.Loopback));
        using var client = s.Operator;

        var response = await client.PostAsJsonAsync("api/v1/webhooks", new { region = "330100", url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("url")[0].GetString();
        Assert.Contains("non-public addresses", error, StringComparison.Ordinal);
        Assert.Equal(0, await s.CountAsync("SELECT count(*) FROM alerts.webhooks"));
    }

    [Theory]
    [InlineData("http://hooks.center.example/hooks", HttpStatusCode.BadRequest)]
    [InlineData("https://hooks.center.example/hooks", HttpStatusCode.Created)]
    [InlineData("http://127.0.0.1:8080/hooks", HttpStatusCode.Created)]
    [InlineData("http://[::1]:8080/hooks", HttpStatusCode.Created)]
    public async Task In_Testing_plain_http_is_registered_only_to_loopback(string url, HttpStatusCode expected)
    {
        // Loopback is reachable here (as for a receiver on this machine); hooks.center.example is a public address.
        var addresses = new RebindingAddresses("hooks.center.example", IPAddress.Parse("93.184.216.34"), allowPrivateAddresses: true);
        await using var s = await Scenario.CreateAsync(allowPrivateAddresses: true, addresses: addresses);
        using var client = s.Operator;

        var response = await client.PostAsJsonAsync("api/v1/webhooks", new { region = "330100", url });

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("http", "93.184.216.34", false)]
    [InlineData("http", "127.0.0.1", false)]
    [InlineData("https", "127.0.0.1", false)]
    [InlineData("https", "[::1]", false)]
    [InlineData("https", "169.254.169.254", false)]
    [InlineData("https", "100.100.100.200", false)]
    [InlineData("https", "[::ffff:127.0.0.1]", false)]
    [InlineData("https", "10.1.2.3", true)]
    [InlineData("https", "192.168.1.10", true)]
    [InlineData("https", "[fd00::1]", true)]
    [InlineData("https", "93.184.216.34", true)]
    public async Task In_production_only_https_goes_out_and_private_receivers_never_include_loopback_or_link_local(string scheme, string host, bool allowed)
    {
        // Even with AllowPrivateAddresses on (a receiver on a private network): loopback and the metadata services of
        // clouds (169.254.169.254; Alibaba Cloud's 100.100.100.200) are never a webhook's target outside Development and Testing.
        var addresses = new RebindingAddresses("unused.example", IPAddress.Loopback, allowPrivateAddresses: true, environmentName: "Production");

        var (_, refusal) = await addresses.CheckAsync(scheme, host, CancellationToken.None);

        Assert.Equal(allowed, refusal is null);
    }

    [Fact]
    public async Task A_webhook_stored_with_plain_http_to_a_public_name_is_refused_at_delivery_before_connecting()
    {
        // As an earlier version's registration (http allowed to any host in Testing) stored it.
        await using var s = await Scenario.CreateAsync(addresses: new RebindingAddresses("hooks.center.example", IPAddress.Parse("93.184.216.34")));
        await using (var connection = s.Environment.OpenConnection())
        {
            await connection.ExecuteAsync(
                "INSERT INTO alerts.webhooks (webhook_id, region_code, url, secret, created_at) VALUES (@webhookId, '330100', @url, 'old-secret', now())",
                new { webhookId = Guid.CreateVersion7(), url = "http://hooks.center.example:9/hooks/warnings" });
        }

        await s.Bus.PublishAsync(new IndicatorBreached("P-PLAIN", "S3001", "330106", "video", "video.coverage", "video-coverage",
            WarningLevel.Orange, "视频未全覆盖", s.Time.GetUtcNow()));
        await Eventually.ReturnsAsync(() => s.CountAsync("SELECT count(*) FROM alerts.deliveries"), n => n == 1, "the delivery to be written");
        Assert.Equal(1, await s.App.Dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(1, await s.CountAsync("SELECT count(*) FROM alerts.deliveries WHERE last_error LIKE 'refused: hooks.center.example: plain http only %'"));
    }

    /// <summary>
    /// Resolves one name to an address until <see cref="Rebind"/>, then to another; everything else as DNS does. The
    /// environment is Testing unless <paramref name="environmentName"/> says otherwise.
    /// </summary>
    internal sealed class RebindingAddresses(string name, IPAddress before, IPAddress after, bool allowPrivateAddresses = false,
        string environmentName = "Testing")
        : WebhookAddresses(Options.Create(new WebhookOptions { SecretKey = Convert.ToBase64String(new byte[32]), AllowPrivateAddresses = allowPrivateAddresses }),
            new HostingEnvironment { EnvironmentName = environmentName })
    {
        public RebindingAddresses(string name, IPAddress address, bool allowPrivateAddresses = false, string environmentName = "Testing")
            : this(name, address, address, allowPrivateAddresses, environmentName)
        {
        }

        volatile bool rebound;

        public void Rebind() => rebound = true;

        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            string.Equals(host, name, StringComparison.OrdinalIgnoreCase) ? Task.FromResult<IPAddress[]>([rebound ? after : before]) : base.ResolveAsync(host, ct);
    }
}
