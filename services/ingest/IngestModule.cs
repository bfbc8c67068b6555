using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Idempotency;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Keys;
using Monitoring.Ingest.Privacy;
using Monitoring.Ingest.Publishing;
using Monitoring.Ingest.Submissions;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Ingest;

public static class IngestModule
{
    public const string Service = "ingest";

    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(IngestModule).Assembly);
        builder.AddMessageBus(Service);
        builder.AddAccess();

        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CandidateHasher>();
        builder.Services.AddSingleton<BrokerPublisher>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddHostedService<IdempotencyPurge>();
        builder.Services.AddSingleton<KeyIssuer>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer(DescribeBearerKeys));
        builder.Services.AddPerKeyRateLimit(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return (options.RateLimitPerSecond, options.RateLimitBurst);
        });
        return builder;
    }

    public static WebApplication MapIngestEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapSubmissionEndpoints();
        app.MapImportEndpoint();
        app.MapKeyEndpoints();
        return app;
    }

    /// <summary>Every operation needs <c>Authorization: Bearer &lt;key&gt;</c>; the document says so once for all.</summary>
    static Task DescribeBearerKeys(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key with the platform role (ingest writes) or the operator role (everything, keys included).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
        return Task.CompletedTask;
    }
}
