using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task Every_endpoint_is_in_the_OpenAPI_document_with_its_responses()
    {
        await using var s = await Scenario.CreateAsync();
        await OpenApiCoverage.AssertEveryEndpointIsDescribedAsync(s.App, 15);
    }
}
