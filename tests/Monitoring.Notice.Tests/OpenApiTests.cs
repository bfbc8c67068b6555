using Monitoring.Testing;
using Xunit;

namespace Monitoring.Notice.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task Every_endpoint_is_in_the_OpenAPI_document_with_its_responses()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = NoticeApp.Start(environment);
        await OpenApiCoverage.AssertEveryEndpointIsDescribedAsync(app, 5);
    }
}
