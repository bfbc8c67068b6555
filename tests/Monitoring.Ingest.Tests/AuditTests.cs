using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>Ingest's audit trail: an operator issuing and revoking keys is recorded, without the request body or any key; the platform's writes are not.</summary>
public sealed class AuditTests(IngestApp app) : IClassFixture<IngestApp>
{
    [Fact]
    public async Task Issuing_and_revoking_a_key_is_recorded_without_the_body_or_the_key_and_the_platforms_writes_are_not()
    {
        using var operators = app.Client(app.Environment.Keys.Operator);
        using var platform = app.Client();
        Assert.Equal(HttpStatusCode.Accepted, (await platform.PostAsJsonAsync("api/v1/plans", Samples.Plan("P-AUDIT"))).StatusCode);

        var created = await operators.PostAsJsonAsync("api/v1/keys", new { name = "审计探针-center", role = "center", region = "330200" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var keyId = key.GetProperty("keyId").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await operators.DeleteAsync($"api/v1/keys/{keyId}")).StatusCode);

        var page = JsonDocument.Parse(await operators.GetStringAsync("api/v1/audit?key=config:test-operator")).RootElement;
        var entries = page.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("method").GetString(), e.GetProperty("route").GetString(), e.GetProperty("resourceId").GetString(), e.GetProperty("status").GetInt32()))
            .ToList();
        Assert.Contains(("DELETE", "/api/v1/keys/{keyId}", keyId, 204), entries);
        Assert.Contains(("POST", "/api/v1/keys", null, 201), entries);

        await using var connection = app.Environment.OpenConnection();
        var rows = string.Join("\n", await connection.QueryAsync<string>("SELECT row_to_json(a)::text FROM ingest.audit_log a"));
        Assert.DoesNotContain(key.GetProperty("key").GetString()!, rows, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Hash(key.GetProperty("key").GetString()!), rows, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Environment.Keys.Operator, rows, StringComparison.Ordinal);
        Assert.DoesNotContain("审计探针", rows, StringComparison.Ordinal);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ingest.audit_log WHERE role = 'platform' OR path LIKE '%P-AUDIT%'"));
    }
}
