using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
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
        builder.Services.AddRateLimiter(AddPerKeyRateLimit);
        return builder;
    }

    public static WebApplication MapIngestEndpoints(this WebApplication app)
    {
        app.UseRateLimiter();
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

    /// <summary>
    /// A token bucket per API key (authentication runs first, so the partition is the caller, not an
    /// address that many callers may share). Anonymous requests reach only health, metrics and OpenAPI.
    /// </summary>
    static void AddPerKeyRateLimit(RateLimiterOptions options)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var key = http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
            if (key is null)
                return RateLimitPartition.GetNoLimiter("anonymous");
            var limits = http.RequestServices.GetRequiredService<IOptions<IngestOptions>>().Value;
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.RateLimitBurst,
                TokensPerPeriod = limits.RateLimitPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            RequestRejections.Count(http, "rate-limited");
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests for this API key",
                    Detail = "Slow down and retry after the time in Retry-After; batch items into fewer calls or use /api/v1/import.",
                },
            });
        };
    }
}
