using System.Net;
using System.Text;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>
/// The outside probe's cases against the four services as they run in production (their own processes, real
/// Kestrel): every hostile request gets a 4xx, and afterwards every service is ready and no log holds an
/// unhandled exception.
/// </summary>
public sealed class HostileProbeTests
{
    [Fact]
    public async Task Hostile_requests_to_every_service_get_4xx_and_leave_every_service_ready_with_no_unhandled_exception()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var ingest = await ServiceProcess.StartAsync("ingest", environment);
        await using var scoring = await ServiceProcess.StartAsync("scoring", environment);
        await using var alerts = await ServiceProcess.StartAsync("alerts", environment);
        await using var notice = await ServiceProcess.StartAsync("notice", environment);
        ServiceProcess[] services = [ingest, scoring, alerts, notice];

        var probes = new List<(ServiceProcess Service, HttpMethod Method, string Path, string? Body)>
        {
            (ingest, HttpMethod.Post, "api/v1/plans", "null"),
            (ingest, HttpMethod.Post, "api/v1/plans/P%00/close", "{}"),
            (ingest, HttpMethod.Post, "api/v1/plans/P-1%0A/close", "{\"closedAt\":\"2026-12-25T10:00:00+08:00\"}"),
            (ingest, HttpMethod.Post, "api/v1/keys", "{\"name\":\"x\",\"role\":\"center\",\"role\":\"platform\"}"),
            (ingest, HttpMethod.Post, "api/v1/keys", "{\"name\":\"" + new string('x', 40 * 1024 * 1024) + "\"}"),
            (scoring, HttpMethod.Post, "api/v1/policies", "{\"version\":\"" + new string('(', 10_000) + "\"}"),
            (scoring, HttpMethod.Post, "api/v1/policies", "[\"__proto__\", 1e400]"),
            (scoring, HttpMethod.Post, "api/v1/policies", "{\"version\":\"" + new string('x', 40 * 1024 * 1024) + "\"}"),
            (scoring, HttpMethod.Get, "api/v1/plans/P%0A/score", null),
            (scoring, HttpMethod.Post, "api/v1/policies/v1%0A/activate", "{}"),
            (alerts, HttpMethod.Get, "api/v1/warnings?region=%00", null),
            (alerts, HttpMethod.Get, "api/v1/warnings?region=%25", null),
            (alerts, HttpMethod.Get, "api/v1/rectifications?org=%00", null),
            (alerts, HttpMethod.Post, "api/v1/webhooks", "{\"region\":\"330100\",\"url\":\"http://127.0.0.1:1/hooks\"}"),
            (alerts, HttpMethod.Post, "api/v1/webhooks", "{\"region\":\"330100\",\"url\":\"http://a.example/\",\"url\":\"http://127.0.0.1/\"}"),
            (alerts, HttpMethod.Post, $"api/v1/terminations/P-1/decision", "{\"confirm\":true,\"reason\":\"" + new string('因', 3000) + "\"}"),
            (notice, HttpMethod.Get, "api/v1/notices?org=%00", null),
        };

        foreach (var (service, method, path, body) in probes)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                // A server refusing a 40 MB body by its Content-Length answers before reading it; without
                // 100-continue the client would still be writing into a closed connection.
                request.Headers.ExpectContinue = true;
            }
            using var response = await service.Http.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{service.Service} {method} {path[..Math.Min(80, path.Length)]}: {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("Server"), $"{service.Service} names its server software");
        }

        foreach (var service in services)
        {
            Assert.False(service.HasExited, $"{service.Service} exited:\n{service.Output}");
            using var ready = await service.Http.GetAsync("health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.DoesNotContain("unhandled exception", service.Output, StringComparison.OrdinalIgnoreCase);
        }
    }
}
