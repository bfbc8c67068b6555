using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

public sealed class OpenApiTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    [Fact]
    public Task Every_endpoint_is_in_the_OpenAPI_document_with_its_responses() => OpenApiCoverage.AssertEveryEndpointIsDescribedAsync(fixture.App, 7);
}
