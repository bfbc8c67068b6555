using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Monitoring.ServiceDefaults.OpenApi;

/// <summary>
/// Every service publishes <c>/openapi/v1.json</c> (dotnet/eShop's <c>OpenApi.Extensions.cs</c>): each endpoint's
/// own outcomes come from its typed results; what every protected endpoint may answer (401 without a valid
/// key, 403 for a role or region it may not act for, 429 when rate-limited) and what the parameter guard
/// refuses (400) are added here once, with the API-key scheme.
/// </summary>
public static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddDefaultOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(DescribeBearerKeys);
            options.AddOperationTransformer(DescribeSharedProblems);
        });
        return builder;
    }

    /// <summary>
    /// Describes the endpoint's request body in the OpenAPI document, and only there. <c>Accepts</c> would describe it
    /// too, but also make the content type a routing condition: the router would answer any other one with a bare 415
    /// before the endpoint's own reader (<see cref="Requests.JsonBody"/>, the NDJSON import) could refuse it in the
    /// API's terms and count it, and would refuse media types the reader takes but the description does not name.
    /// </summary>
    public static RouteHandlerBuilder DescribeBody<TBody>(this RouteHandlerBuilder builder, string contentType, bool optional = false) =>
        builder.DescribeBody(typeof(TBody), contentType, optional);

    /// <inheritdoc cref="DescribeBody{TBody}"/>
    public static RouteHandlerBuilder DescribeBody(this RouteHandlerBuilder builder, Type bodyType, string contentType, bool optional = false) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = !optional,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [contentType] = new() { Schema = await context.GetOrCreateSchemaAsync(bodyType, null, cancellationToken) },
            },
        });

    public static WebApplication MapDefaultOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    /// <summary>Every operation needs <c>Authorization: Bearer &lt;key&gt;</c> unless it says otherwise; the document says so once for all.</summary>
    static Task DescribeBearerKeys(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key: platform (ingest writes), center (bound to a region: that region and the counties under it) "
                + "or operator (everything, keys and policies included).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
        return Task.CompletedTask;
    }

    static async Task DescribeSharedProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= new OpenApiResponses();
        if (operation.Parameters is { Count: > 0 })
            await AddAsync(typeof(HttpValidationProblemDetails), "400", "A parameter is not what it names (a region code, an org code, a plan id)");

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (anonymous)
        {
            operation.Security = [];
            return;
        }
        await AddAsync(typeof(ProblemDetails), "401", "No valid API key (Authorization: Bearer <key>)");
        await AddAsync(typeof(ProblemDetails), "403", "The key's role, or its center's region, may not do this");
        await AddAsync(typeof(ProblemDetails), "429", "Too many requests; retry after Retry-After");

        async Task AddAsync(Type type, string status, string description)
        {
            if (operation.Responses.ContainsKey(status))
                return;
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
            };
        }
    }
}
