using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>API.md's "who may call what" at ingest: platform writes, operators manage keys, nobody else.</summary>
public sealed class AccessTests(IngestApp app) : IClassFixture<IngestApp>
{
    [Fact]
    public async Task Without_a_key_a_write_is_401_with_a_bearer_challenge()
    {
        using var anonymous = app.CreateClient();

        var response = await anonymous.PostAsJsonAsync("api/v1/plans", Samples.Plan());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("mk_unknown")]
    [InlineData("")]
    public async Task An_unknown_key_is_401(string key)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + key);

        var response = await client.PostAsJsonAsync("api/v1/plans", Samples.Plan());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_center_key_may_not_write_to_ingest()
    {
        using var center = app.Client(app.Environment.Keys.Center);

        var response = await center.PostAsJsonAsync("api/v1/plans", Samples.Plan());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Any_key_reads_its_own_name_role_and_region_and_nothing_of_the_key()
    {
        using var center = app.Client(app.Environment.Keys.Center);
        using var platform = app.Client();
        using var anonymous = app.CreateClient();

        var me = JsonDocument.Parse(await center.GetStringAsync("api/v1/keys/me")).RootElement;
        Assert.Equal(("config:test-center-hangzhou", "test-center-hangzhou", "center", "330100"),
            (me.GetProperty("keyId").GetString(), me.GetProperty("name").GetString(), me.GetProperty("role").GetString(), me.GetProperty("region").GetString()));
        Assert.Equal(["keyId", "name", "region", "role"], me.EnumerateObject().Select(p => p.Name).Order());
        var platformMe = JsonDocument.Parse(await platform.GetStringAsync("api/v1/keys/me")).RootElement;
        Assert.Equal(("platform", JsonValueKind.Null), (platformMe.GetProperty("role").GetString(), platformMe.GetProperty("region").ValueKind));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/keys/me")).StatusCode);
    }

    [Fact]
    public async Task A_platform_key_may_not_manage_keys()
    {
        using var platform = app.Client();

        var response = await platform.PostAsJsonAsync("api/v1/keys", new { name = "sneaky", role = "operator" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_issues_a_key_that_works_at_once_stored_only_as_its_hash_and_revokes_it()
    {
        using var operatorClient = app.Client(app.Environment.Keys.Operator);

        var created = await operatorClient.PostAsJsonAsync("api/v1/keys", new { name = "platform-2", role = "platform" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var secret = key.GetProperty("key").GetString()!;
        var keyId = key.GetProperty("keyId").GetString()!;

        using var newClient = app.Client(secret);
        Assert.Equal(HttpStatusCode.Accepted, (await newClient.PostAsJsonAsync("api/v1/plans", Samples.Plan("P-NEW-KEY"))).StatusCode);

        await using (var connection = app.Environment.OpenConnection())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT key_hash FROM ingest.api_keys WHERE key_id = @id";
            command.Parameters.AddWithValue("id", Guid.Parse(keyId));
            Assert.Equal(TestKeys.Hash(secret), await command.ExecuteScalarAsync());
            command.CommandText = "SELECT count(*) FROM ingest.api_keys WHERE key_hash = @secret OR name = @secret";
            command.Parameters.AddWithValue("secret", secret);
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"api/v1/keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await newClient.PostAsJsonAsync("api/v1/plans", Samples.Plan("P-NEW-KEY"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.DeleteAsync($"api/v1/keys/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"c","role":"center"}""", "region")]
    [InlineData("""{"name":"c","role":"center","region":"110100"}""", "region")]
    [InlineData("""{"name":"p","role":"platform","region":"330100"}""", "region")]
    [InlineData("""{"name":"x","role":"admin"}""", "role")]
    [InlineData("""{"role":"operator"}""", "name")]
    public async Task A_bad_key_request_is_refused_naming_the_field(string body, string field)
    {
        using var operatorClient = app.Client(app.Environment.Keys.Operator);

        var response = await operatorClient.PostAsync("api/v1/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    [InlineData("metrics")]
    [InlineData("openapi/v1.json")]
    public async Task Probes_metrics_and_the_API_document_need_no_key(string path)
    {
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }
}
