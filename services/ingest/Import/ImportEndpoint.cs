using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Idempotency;
using Monitoring.Ingest.Privacy;
using Monitoring.Ingest.Publishing;
using Monitoring.Ingest.Submissions;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.OpenApi;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Import;

/// <summary>One line of an import, as OpenAPI describes it.</summary>
public sealed record ImportLine(string Type, string? PlanId, JsonElement Body);

public static class ImportEndpoint
{
    public const string Path = "/api/v1/import";
    public const string Name = "Import";
    static readonly string[] MediaTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"];

    public static void MapImportEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ImportAsync)
            .WithName(Name)
            .WithTags("Ingest")
            .WithDescription("NDJSON, one {\"type\", \"planId\", \"body\"} a line. The answer is NDJSON too: accepted line ranges "
                + "once the broker confirmed them, each refused line with its bad fields, and a summary line last.")
            .RequireAuthorization(AccessPolicies.Platform)
            .DescribeBody<ImportLine>("application/x-ndjson")
            // The answer is streamed line by line as the import goes, so no typed result can say what it holds.
            .Produces<ImportAnswer>(StatusCodes.Status200OK, "application/x-ndjson");

    public sealed record Services(
        BrokerPublisher Publisher,
        IdempotencyStore Idempotency,
        CandidateHasher Hasher,
        TimeProvider Time,
        IOptions<IngestOptions> Options,
        IngestMetrics Metrics,
        ILogger<ImportRun> Logger);

    /// <summary>
    /// Streams the body line by line; nothing but one batch is held in memory. With an
    /// <c>Idempotency-Key</c>, the body is first spooled to a temporary file to hash it; a repeat is then
    /// read again and answered the same way without publishing.
    /// </summary>
    static async Task<Results<EmptyHttpResult, ValidationProblem, ConflictProblem, UnsupportedMediaType>> ImportAsync(HttpContext http,
        [AsParameters] Services services)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !MediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            return new UnsupportedMediaType("The body must be NDJSON", "Send Content-Type: application/x-ndjson, one JSON object a line.");

        var idempotencyKey = http.Request.Headers[SubmissionEndpoints.IdempotencyHeader].ToString();
        if (http.Request.Headers.ContainsKey(SubmissionEndpoints.IdempotencyHeader) && !SubmissionEndpoints.IsValidKey(idempotencyKey))
            return Problems.Malformed(http, SubmissionEndpoints.IdempotencyHeader, "1–255 printable ASCII characters");

        // An import is as long as the upstream's day; memory is bounded by the line limit, not the body.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = null;

        if (idempotencyKey.Length == 0)
        {
            await new ImportRun(http, services, publish: true).RunAsync(http.Request.Body);
            return TypedResults.Empty;
        }

        var caller = http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)!;
        await using var spool = new FileStream(System.IO.Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var hash = await SpoolAsync(http, spool);
        var decision = await services.Idempotency.BeginAsync(caller, idempotencyKey, hash, http.RequestAborted);
        switch (decision)
        {
            case IdempotencyDecision.Mismatch:
                return Problems.Conflict(http, "idempotency-mismatch",
                    "The Idempotency-Key was used with a different request", "Use a new key for a new import.");
            case IdempotencyDecision.InProgress:
                http.Response.Headers.RetryAfter = "5";
                return Problems.Conflict(http, "idempotency-in-progress",
                    "An import with this Idempotency-Key is running", "Retry when it has finished.");
            case IdempotencyDecision.Replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                await new ImportRun(http, services, publish: false).RunAsync(spool);
                return TypedResults.Empty;
        }

        ImportSummary summary;
        try
        {
            await using var lease = services.Idempotency.KeepLeased(caller, idempotencyKey);
            summary = await new ImportRun(http, services, publish: true).RunAsync(spool);
        }
        catch
        {
            await services.Idempotency.ReleaseAsync(caller, idempotencyKey);
            throw;
        }
        // Lines the broker did not take must be sent again: only a complete import is remembered.
        if (summary.Unavailable == 0)
            await services.Idempotency.CompleteAsync(caller, idempotencyKey, StatusCodes.Status200OK,
                JsonSerializer.Serialize(summary, JsonSerializerOptions.Web), CancellationToken.None);
        else
            await services.Idempotency.ReleaseAsync(caller, idempotencyKey);
        return TypedResults.Empty;
    }

    static async Task<string> SpoolAsync(HttpContext http, FileStream spool)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n"));
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await spool.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
        }
        spool.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
