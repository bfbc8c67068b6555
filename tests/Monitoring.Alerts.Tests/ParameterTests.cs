using System.Net;
using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>
/// Query and path parameters are checked before any handler runs: a NUL would reach PostgreSQL (which refuses
/// it in text: a 500), and <c>%</c> or <c>_</c> in a region would widen a <c>LIKE</c>.
/// </summary>
public sealed class ParameterTests
{
    [Theory]
    [InlineData("api/v1/warnings?region=%00", "region")]
    [InlineData("api/v1/warnings?region=%25", "region")]
    [InlineData("api/v1/warnings?region=3301%25%25", "region")]
    [InlineData("api/v1/warnings?region=33010_", "region")]
    [InlineData("api/v1/warnings?region=330100%0A", "region")]
    [InlineData("api/v1/warnings?region=110101", "region")]
    [InlineData("api/v1/warnings?status=open%00", "status")]
    [InlineData("api/v1/rectifications?org=%00", "org")]
    [InlineData("api/v1/rectifications?org=S3001%0A", "org")]
    [InlineData("api/v1/orgs/S3001%0A", "orgCode")]
    [InlineData("api/v1/terminations?anything=%00", "anything")]
    public async Task A_parameter_that_is_not_what_it_names_is_refused_with_400_naming_it(string path, string parameter)
    {
        await using var s = await Scenario.CreateAsync();
        using var client = s.Operator;

        var response = await client.GetAsync(path);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(parameter, out _), text);
    }

    [Fact]
    public async Task A_termination_reason_beyond_a_paragraph_is_refused()
    {
        await using var s = await Scenario.CreateAsync();
        using var client = s.Hangzhou;

        var response = await client.PostAsync("api/v1/terminations/P-1/decision",
            new StringContent(JsonSerializer.Serialize(new { confirm = true, reason = new string('因', 2001) }), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reason", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_orgs_catalogue_entry_is_public_to_every_key_as_the_catalogue_is()
    {
        // Decided: the catalogue of qualified orgs (目录清单) and its suspensions and revocations are published
        // (信息公示); an org's record is not one region's business. A Hangzhou key reads a Ningbo org.
        await using var s = await Scenario.CreateAsync();
        await s.FinalScoreAsync("P-NB-ORG", "S4001", 40m, region: "330203");

        using var hangzhou = s.Hangzhou;
        var response = await hangzhou.GetAsync("api/v1/orgs/S4001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("active", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        using var anonymous = s.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/orgs/S4001")).StatusCode);
    }
}
