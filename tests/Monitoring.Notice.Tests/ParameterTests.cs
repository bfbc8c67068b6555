using System.Net;
using System.Text.Json;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Notice.Tests;

/// <summary>Notice's query parameters are checked before they reach the database (a NUL was a 500).</summary>
public sealed class ParameterTests
{
    [Theory]
    [InlineData("api/v1/notices?org=%00", "org")]
    [InlineData("api/v1/notices?org=S0001%0A", "org")]
    [InlineData("api/v1/notices?org=" + "SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS", "org")]
    public async Task An_org_that_is_not_an_org_code_is_refused_with_400(string path, string parameter)
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = NoticeApp.Start(environment);
        using var client = app.Client(environment.Keys.Operator);

        var response = await client.GetAsync(path);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(parameter, out _), text);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/notices?org=S0001")).StatusCode);
    }
}
