using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Dapper;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Alerts.Webhooks;

/// <summary>Centers' webhooks, registered by operators. The secret is shown once, when the webhook is created.</summary>
public static class WebhookEndpoints
{
    public sealed record WebhookRequest(string? Region, string? Url);

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(AccessPolicies.Operator);
        webhooks.MapPost("", CreateAsync).WithName("CreateWebhook");
        webhooks.MapGet("", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return await connection.QueryAsync(new CommandDefinition(
                "SELECT webhook_id AS \"webhookId\", region_code AS \"region\", url, created_at AS \"createdAt\" FROM webhooks WHERE deleted_at IS NULL ORDER BY created_at",
                cancellationToken: ct));
        }).WithName("ListWebhooks");
        webhooks.MapGet("/{webhookId:guid}/deliveries", async (Guid webhookId, NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return await connection.QueryAsync(new CommandDefinition("""
                SELECT delivery_id AS "deliveryId", warning_id AS "warningId", status, attempts, last_error AS "lastError",
                       next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt"
                FROM deliveries WHERE webhook_id = @webhookId ORDER BY created_at DESC LIMIT 500
                """, new { webhookId }, cancellationToken: ct));
        }).WithName("ListDeliveries");
        webhooks.MapDelete("/{webhookId:guid}", async (Guid webhookId, NpgsqlDataSource db, TimeProvider time, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhooks SET deleted_at = @now WHERE webhook_id = @webhookId AND deleted_at IS NULL",
                new { webhookId, now = time.GetUtcNow() }, cancellationToken: ct));
            return deleted == 1 ? Results.NoContent() : Results.Problem(statusCode: 404, title: "No such webhook");
        }).WithName("DeleteWebhook");
    }

    /// <summary>
    /// Registers a webhook. The URL must be absolute https (http too in Development and Testing), at most
    /// <see cref="WebhookOptions.MaxUrlLength"/> characters, without credentials or control characters, and its
    /// host must resolve to public addresses only: the same check runs again at every delivery.
    /// </summary>
    static async Task<IResult> CreateAsync(HttpContext http, NpgsqlDataSource db, WebhookAddresses addresses, WebhookSecrets secrets,
        IOptions<WebhookOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var (request, refusal) = await JsonBody.ReadAsync<WebhookRequest>(http);
        if (request is null)
            return refusal!;

        var errors = new FieldErrors();
        if (request.Region is null || !Formats.IsRegionOrProvince(request.Region))
            errors.Add("region", Formats.RegionExpected);
        var allowHttp = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        var url = UrlProblem(request.Url, allowHttp, options.Value.MaxUrlLength, errors);
        if (url is not null)
        {
            var (_, unreachable) = await addresses.CheckAsync(url.IdnHost, ct);
            if (unreachable is not null)
                errors.Add("url", $"a URL whose host resolves to public addresses ({unreachable})");
        }
        if (errors.Any)
            return Problems.Invalid(http, errors, "The webhook was refused");

        var webhookId = Guid.CreateVersion7();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhooks (webhook_id, region_code, url, secret, created_at) VALUES (@webhookId, @region, @url, @secret, @now)",
            new { webhookId, region = request.Region, url = url!.AbsoluteUri, secret = secrets.Seal(webhookId, secret), now = time.GetUtcNow() },
            cancellationToken: ct));
        return Results.Created($"/api/v1/webhooks/{webhookId}", new { webhookId, region = request.Region, url = url.AbsoluteUri, secret });
    }

    /// <summary>The URL when it may be registered; otherwise null, with the reason in <paramref name="errors"/>.</summary>
    static Uri? UrlProblem(string? text, bool allowHttp, int maxLength, FieldErrors errors)
    {
        var scheme = allowHttp ? "http or https" : "https";
        if (string.IsNullOrEmpty(text))
            errors.Add("url", "required");
        else if (text.Length > maxLength)
            errors.Add("url", $"at most {maxLength} characters");
        else if (text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            errors.Add("url", "a URL without spaces or control characters");
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !(url.Scheme == "https" || (allowHttp && url.Scheme == "http")))
            errors.Add("url", $"an absolute {scheme} URL");
        else if (url.UserInfo.Length > 0)
            errors.Add("url", "a URL without credentials (user:password@): receivers check the signature instead");
        else
            return url;
        return null;
    }
}
