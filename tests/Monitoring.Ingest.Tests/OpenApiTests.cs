using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Monitoring.Ingest.Tests;

public sealed class OpenApiTests(IngestApp app) : IClassFixture<IngestApp>
{
    [Fact]
    public Task Every_endpoint_is_in_the_OpenAPI_document_with_its_responses() => Monitoring.Testing.OpenApiCoverage.AssertEveryEndpointIsDescribedAsync(app, 16);

    [Fact]
    public async Task The_OpenAPI_document_lists_every_API_endpoint_the_service_maps()
    {
        using var anonymous = app.CreateClient();
        var document = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(method => (Path: e.RoutePattern.RawText!.Replace(":guid", "", StringComparison.Ordinal).TrimEnd('/'), Method: method.ToLowerInvariant())))
            .ToList();

        Assert.True(mapped.Count >= 16, $"expected the 13 ingest endpoints and 3 key endpoints, found {mapped.Count}");
        foreach (var (path, method) in mapped)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is missing from the OpenAPI document");
            if (method == "post" && !path.EndsWith("/keys", StringComparison.Ordinal))
                Assert.True(operation.TryGetProperty("requestBody", out _), $"POST {path} documents no request body");
        }
        foreach (var path in new[] { "/api/v1/plans", "/api/v1/plans/{planId}/results", "/api/v1/certificates", "/api/v1/import" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("apiKey", out _));
    }
}
