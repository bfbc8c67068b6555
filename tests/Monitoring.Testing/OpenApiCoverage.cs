using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Monitoring.Testing;

/// <summary>
/// What an integrator relies on: every endpoint a service maps is in its <c>/openapi/v1.json</c>, with every
/// response its typed results declare, the problems every protected endpoint may answer, and the API-key scheme.
/// </summary>
public static partial class OpenApiCoverage
{
    public static async Task AssertEveryEndpointIsDescribedAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> app, int atLeast)
        where TEntryPoint : class
    {
        using var anonymous = app.CreateClient();
        var document = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        Require(document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("scheme").GetString() == "bearer",
            "the document describes the API-key scheme");

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        Require(endpoints.Count >= atLeast, $"expected at least {atLeast} API endpoints, found {endpoints.Count}");
        foreach (var endpoint in endpoints)
        {
            var path = Constraint().Replace(endpoint.RoutePattern.RawText!, "{$1}").TrimEnd('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => m.ToLowerInvariant()))
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                Require(paths.TryGetProperty(path, out var item), $"{path} is missing from the OpenAPI document");
                Require(item.TryGetProperty(method, out var operation), $"{name} is missing from the OpenAPI document");
                var responses = operation.GetProperty("responses");

                var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var shared = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null ? new[] { "401", "403", "429" } : [];
                foreach (var status in declared.Concat(shared).Distinct())
                    Require(responses.TryGetProperty(status, out _), $"{name} does not document its {status} response");
                Require(responses.EnumerateObject().Any(r => r.Name.StartsWith('2')), $"{name} documents no success response");
            }
        }
    }

    /// <summary>Fails the calling test with <paramref name="what"/> (this library does not depend on a test framework).</summary>
    static void Require(bool holds, string what)
    {
        if (!holds)
            throw new InvalidOperationException("OpenAPI: " + what);
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
