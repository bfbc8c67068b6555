using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Idempotency;
using Monitoring.Ingest.Privacy;
using Monitoring.Ingest.Publishing;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.OpenApi;

namespace Monitoring.Ingest.Submissions;

/// <summary>The answer of an accepted submission: how many messages the broker confirmed, and their ids.</summary>
/// <summary>A 202's body: the facts accepted (results, answers, segments… one each) and the ids of the messages that carry them.</summary>
public sealed record AcceptedSubmission(string? PlanId, int Accepted, IReadOnlyList<Guid> MessageIds);

public static class SubmissionEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapSubmissionEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var submission in SubmissionCatalog.All)
        {
            app.MapPost(submission.Path, (HttpContext http, [AsParameters] Services services) => SubmitAsync(submission, http, services))
                .WithName(submission.EndpointName)
                .WithTags("Ingest")
                .RequireAuthorization(AccessPolicies.Platform)
                .DescribeBody(submission.RequestType, "application/json");
        }
    }

    public sealed record Services(
        BrokerPublisher Publisher,
        IdempotencyStore Idempotency,
        CandidateHasher Hasher,
        TimeProvider Time,
        IOptions<IngestOptions> Options,
        IngestMetrics Metrics,
        ILogger<Submission> Logger);

    /// <summary>
    /// Reads and checks the body, honours <c>Idempotency-Key</c>, and answers 202 only once the broker has
    /// confirmed every message; 503 with <c>Retry-After</c> when it did not, and then nothing is remembered.
    /// </summary>
    static async Task<Results<Accepted<AcceptedSubmission>, ValidationProblem, JsonRefusal, ConflictProblem, Unavailable, ContentHttpResult>> SubmitAsync(
        Submission submission, HttpContext http, Services services)
    {
        var idempotencyKey = http.Request.Headers[IdempotencyHeader].ToString();
        if (http.Request.Headers.ContainsKey(IdempotencyHeader) && !IsValidKey(idempotencyKey))
            return Problems.Malformed(http, IdempotencyHeader, "1–255 printable ASCII characters");

        var (body, refusal) = await JsonBody.ReadAsync(http, services.Options.Value.MaxBodyBytes,
            "Send more items in several calls or use /api/v1/import.");
        if (body is null)
            return refusal!;
        using var _ = body;

        string? planId = null;
        var errors = new FieldErrors();
        if (submission.PlanScoped)
        {
            planId = http.GetRouteValue("planId") as string;
            if (planId is null || !Formats.IsPlanId(planId))
                errors.Add("planId", Formats.PlanIdExpected + " in the path");
        }
        var contracts = submission.Read(body.Document.RootElement, planId, SubmissionContext.Create(services.Time, services.Hasher), errors);
        if (errors.Any)
            return Refusals.Invalid(http, errors, $"The {submission.Type} submission has invalid fields");
        IReadOnlyList<Outgoing> messages = contracts.Select(Outgoing.Of).ToList();
        planId ??= (contracts is [Contracts.PlanFiled filed] ? filed.PlanId : null);

        var endpoint = submission.EndpointName;
        var caller = http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)!;
        if (idempotencyKey.Length > 0)
        {
            var decision = await services.Idempotency.BeginAsync(caller, idempotencyKey, body.Hash, http.RequestAborted);
            switch (decision)
            {
                case IdempotencyDecision.Replay replay:
                    services.Metrics.Requests.WithLabels(endpoint, "replayed").Inc();
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    return TypedResults.Text(replay.Body ?? "", "application/json", statusCode: replay.StatusCode);
                case IdempotencyDecision.Mismatch:
                    return Problems.Conflict(http, "idempotency-mismatch",
                        "The Idempotency-Key was used with a different request", "Use a new key for a new request.");
                case IdempotencyDecision.InProgress:
                    http.Response.Headers.RetryAfter = "1";
                    return Problems.Conflict(http, "idempotency-in-progress",
                        "A request with this Idempotency-Key is being served", "Retry when it has finished.");
            }
        }
        await using var lease = idempotencyKey.Length > 0 ? services.Idempotency.KeepLeased(caller, idempotencyKey) : null;

        try
        {
            messages = await services.Publisher.PublishAsync(messages, http.RequestAborted);
        }
        catch (Exception ex) when (ex is BrokerUnavailableException or OperationCanceledException)
        {
            if (idempotencyKey.Length > 0)
                await services.Idempotency.ReleaseAsync(caller, idempotencyKey);
            if (ex is OperationCanceledException)
                throw;
            services.Metrics.Requests.WithLabels(endpoint, "unavailable").Inc();
            return new Unavailable(ex.InnerException is Npgsql.NpgsqlException ? "The database is unavailable" : "The message broker is unavailable",
                "Nothing was accepted; retry later with the same body (and Idempotency-Key).", retryAfterSeconds: 5);
        }

        var answer = new AcceptedSubmission(planId, messages.Sum(m => Submission.Facts(m.Message)), messages.Select(m => m.MessageId).ToList());
        if (idempotencyKey.Length > 0)
        {
            var json = JsonSerializer.Serialize(answer, JsonSerializerOptions.Web);
            await services.Idempotency.CompleteAsync(caller, idempotencyKey, StatusCodes.Status202Accepted, json, CancellationToken.None);
        }
        services.Metrics.Requests.WithLabels(endpoint, "accepted").Inc();
        services.Logger.LogInformation("{Endpoint} accepted {Count} facts in {Messages} messages for plan {PlanId}", endpoint, answer.Accepted, messages.Count, planId);
        return TypedResults.Accepted((string?)null, answer);
    }

    internal static bool IsValidKey(string key) => key.Length is >= 1 and <= 255 && key.All(c => c is >= '!' and <= '~');
}
