using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>
/// The operator audit trail (shared code, services/defaults/Audit, so every service keeps one): who changed what, when
/// and from where, for every state-changing call of an operator or a center key; read by operators only.
/// </summary>
public sealed class AuditTests
{
    static readonly IPAddress HangzhouOffice = IPAddress.Parse("198.51.100.30");

    [Fact]
    public async Task A_centers_acknowledgement_is_recorded_with_who_what_when_and_from_where_and_its_reads_are_not()
    {
        await using var s = await Scenario.CreateAsync();
        var warningId = await WarningAsync(s, "P-AUDIT");
        using var hangzhou = s.App.ClientFrom(HangzhouOffice, s.Environment.Keys.Center);
        Assert.Equal(HttpStatusCode.OK, (await hangzhou.GetAsync("api/v1/warnings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hangzhou.GetAsync($"api/v1/warnings/{warningId}/history")).StatusCode);

        var acknowledged = await hangzhou.PostAsync($"api/v1/warnings/{warningId}/ack", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        var entry = (await EntriesAsync(s)).Single();
        Assert.Equal("config:test-center-hangzhou", entry.GetProperty("keyId").GetString());
        Assert.Equal("test-center-hangzhou", entry.GetProperty("keyName").GetString());
        Assert.Equal("center", entry.GetProperty("role").GetString());
        Assert.Equal("330100", entry.GetProperty("region").GetString());
        Assert.Equal("POST", entry.GetProperty("method").GetString());
        Assert.Equal("/api/v1/warnings/{warningId}/ack", entry.GetProperty("route").GetString());
        Assert.Equal($"/api/v1/warnings/{warningId}/ack", entry.GetProperty("path").GetString());
        Assert.Equal(warningId.ToString(), entry.GetProperty("resourceId").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
        Assert.Equal("198.51.100.30", entry.GetProperty("clientAddress").GetString());
        Assert.Equal(s.Time.GetUtcNow(), entry.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, entry.GetProperty("at").GetDateTimeOffset().Offset);
        Assert.Matches("^[0-9a-f]{32}$", entry.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Refused_calls_of_operators_and_centers_are_recorded_and_platform_calls_are_not()
    {
        await using var s = await Scenario.CreateAsync();
        var warningId = await WarningAsync(s, "P-AUDIT-REFUSED");
        var taskId = await s.FinalScoreAsync("P-AUDIT-LOW", "S4101", 41);

        // The platform submits the task's rectification: its calls are ingest-side business, not the operators' trail.
        Assert.Equal(HttpStatusCode.OK, (await s.SubmitAsync(taskId)).StatusCode);
        // A center tries what only operators may (403), an operator deletes a webhook that is not there (404).
        using var hangzhou = s.App.ClientFrom(HangzhouOffice, s.Environment.Keys.Center);
        Assert.Equal(HttpStatusCode.Forbidden, (await hangzhou.PostAsync($"api/v1/warnings/{warningId}/confirm", null)).StatusCode);
        using var operators = s.Operator;
        Assert.Equal(HttpStatusCode.NotFound, (await operators.DeleteAsync($"api/v1/webhooks/{Guid.NewGuid()}")).StatusCode);

        var entries = await EntriesAsync(s);
        Assert.Equal([("DELETE", 404, "operator"), ("POST", 403, "center")],
            entries.Select(e => (e.GetProperty("method").GetString(), e.GetProperty("status").GetInt32(), e.GetProperty("role").GetString())));
        Assert.DoesNotContain(entries, e => e.GetProperty("resourceId").GetString() == taskId.ToString());
    }

    [Fact]
    public async Task A_center_may_not_read_the_trail()
    {
        await using var s = await Scenario.CreateAsync();
        using var hangzhou = s.Hangzhou;
        using var platform = s.Platform;

        var response = await hangzhou.GetAsync("api/v1/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync("api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task Operators_read_the_trail_by_period_and_key_a_page_at_a_time()
    {
        await using var s = await Scenario.CreateAsync();
        using var hangzhou = s.Hangzhou;
        using var operators = s.Operator;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await hangzhou.PostAsync($"api/v1/warnings/{Guid.NewGuid()}/ack", null)).StatusCode);
            s.Time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await operators.DeleteAsync($"api/v1/webhooks/{Guid.NewGuid()}")).StatusCode);

        var first = await PageAsync(operators, "api/v1/audit?key=config:test-center-hangzhou&limit=2");
        Assert.Equal(2, first.GetProperty("entries").GetArrayLength());
        var second = await PageAsync(operators, $"api/v1/audit?key=config:test-center-hangzhou&limit=2&cursor={first.GetProperty("next").GetString()}");
        Assert.Equal(1, second.GetProperty("entries").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var times = first.GetProperty("entries").EnumerateArray().Concat(second.GetProperty("entries").EnumerateArray())
            .Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal([Scenario.Start.AddMinutes(2), Scenario.Start.AddMinutes(1), Scenario.Start], times);

        var from = Uri.EscapeDataString(Scenario.Start.AddMinutes(1).ToString("O"));
        var to = Uri.EscapeDataString(Scenario.Start.AddMinutes(2).ToString("O"));
        var period = await PageAsync(operators, $"api/v1/audit?from={from}&to={to}");
        Assert.Equal([Scenario.Start.AddMinutes(1)], period.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()));
        Assert.Equal(4, (await PageAsync(operators, "api/v1/audit")).GetProperty("entries").GetArrayLength());

        foreach (var bad in new[] { "from=2026-03-01", "to=yesterday", "limit=0", "limit=501", "cursor=abc", "cursor=-1" })
        {
            var response = await operators.GetAsync("api/v1/audit?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
                .TryGetProperty(bad.Split('=')[0], out _), bad);
        }
    }

    static async Task<Guid> WarningAsync(Scenario s, string planId)
    {
        await s.Bus.PublishAsync(new IndicatorBreached(planId, "S3301", "330106", "exam-staff", "rule.trainer-examiner", "trainer-examiner",
            WarningLevel.Yellow, "trainer-examiner 预警", s.Time.GetUtcNow()));
        using var operators = s.Operator;
        var warnings = await Eventually.ReturnsAsync(async () =>
            JsonDocument.Parse(await operators.GetStringAsync("api/v1/warnings?region=330000")).RootElement.EnumerateArray()
                .Where(w => w.GetProperty("planId").GetString() == planId).ToList(), w => w.Count == 1, $"the warning of {planId}");
        return warnings[0].GetProperty("warningId").GetGuid();
    }

    static async Task<List<JsonElement>> EntriesAsync(Scenario s)
    {
        using var operators = s.Operator;
        return (await PageAsync(operators, "api/v1/audit")).GetProperty("entries").EnumerateArray().ToList();
    }

    static async Task<JsonElement> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
