using System.Security.Cryptography;
using Dapper;
using Monitoring.ServiceDefaults.Access;
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

    static async Task<IResult> CreateAsync(WebhookRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Region is null || !System.Text.RegularExpressions.Regex.IsMatch(request.Region, "^33[0-9]{4}$"))
            errors["region"] = ["a 6-digit Zhejiang region code (330000 for the province)"];
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            errors["url"] = ["an absolute http(s) URL"];
        if (errors.Count > 0)
            return Results.ValidationProblem(errors);

        var webhookId = Guid.CreateVersion7();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhooks (webhook_id, region_code, url, secret, created_at) VALUES (@webhookId, @region, @url, @secret, @now)",
            new { webhookId, region = request.Region, url = url!.ToString(), secret, now = time.GetUtcNow() }, cancellationToken: ct));
        return Results.Created($"/api/v1/webhooks/{webhookId}", new { webhookId, region = request.Region, url = url.ToString(), secret });
    }
}
