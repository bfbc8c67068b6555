using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.OpenApi;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Alerts.Webhooks;

/// <summary>Centers' webhooks, registered by operators. The secret is shown once, when the webhook is created.</summary>
public static class WebhookEndpoints
{
    public sealed record WebhookRequest(string? Region, string? Url);

    /// <summary>A webhook just created: the only answer that holds its signing secret.</summary>
    public sealed record CreatedWebhook(Guid WebhookId, string Region, string Url, string Secret);

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(AccessPolicies.Operator);
        webhooks.MapPost("", CreateAsync).WithName("CreateWebhook").DescribeBody<WebhookRequest>("application/json");
        webhooks.MapGet("", ListAsync).WithName("ListWebhooks");
        webhooks.MapGet("/{webhookId}/deliveries", DeliveriesAsync).WithName("ListDeliveries");
        webhooks.MapDelete("/{webhookId}", DeleteAsync).WithName("DeleteWebhook");
    }

    static async Task<Ok<IReadOnlyList<WebhookView>>> ListAsync(NpgsqlDataSource db, CancellationToken ct) =>
        TypedResults.Ok(await WebhookStore.ListAsync(db, ct));

    static async Task<Ok<IReadOnlyList<DeliveryView>>> DeliveriesAsync(Guid webhookId, NpgsqlDataSource db, CancellationToken ct) =>
        TypedResults.Ok(await WebhookStore.DeliveriesAsync(db, webhookId, ct));

    static async Task<Results<NoContent, NotFoundProblem>> DeleteAsync(Guid webhookId, HttpContext http, NpgsqlDataSource db, TimeProvider time) =>
        await WebhookStore.DeleteAsync(db, webhookId, time.GetUtcNow(), http.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound(http, "No such webhook", $"There is no webhook {webhookId}.");

    /// <summary>
    /// Registers a webhook. The URL must be absolute https (http too in Development and Testing, to a host that resolves
    /// to loopback alone), at most <see cref="WebhookOptions.MaxUrlLength"/> characters, without credentials or control
    /// characters, and its host must resolve to public addresses only: the same check runs again at every delivery.
    /// </summary>
    static async Task<Results<Created<CreatedWebhook>, ValidationProblem, JsonRefusal>> CreateAsync(HttpContext http, NpgsqlDataSource db,
        WebhookAddresses addresses, WebhookSecrets secrets, IOptions<WebhookOptions> options, IHostEnvironment environment, TimeProvider time)
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
            var (_, unreachable) = await addresses.CheckAsync(url.Scheme, url.IdnHost, ct);
            if (unreachable is not null)
                errors.Add("url", $"a URL alerts may deliver to: https to a host that resolves to public addresses ({unreachable})");
        }
        if (errors.Any)
            return Problems.Invalid(http, errors, "The webhook was refused");

        var webhookId = Guid.CreateVersion7();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await WebhookStore.CreateAsync(db, webhookId, request.Region!, url!.AbsoluteUri, secrets.Seal(webhookId, secret), time.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/webhooks/{webhookId}", new CreatedWebhook(webhookId, request.Region!, url.AbsoluteUri, secret));
    }

    // RFC 1035's limits: a longer name is never resolved, and the resolver throws for one over 255 characters.
    const int MaxDnsName = 253, MaxDnsLabel = 63;

    static bool IsDnsName(string host) =>
        host.Length <= MaxDnsName && host.TrimEnd('.').Split('.').All(label => label.Length is > 0 and <= MaxDnsLabel);

    /// <summary>The URL when it may be registered; otherwise null, with the reason in <paramref name="errors"/>.</summary>
    static Uri? UrlProblem(string? text, bool allowHttp, int maxLength, FieldErrors errors)
    {
        var scheme = allowHttp ? "https (or http to loopback)" : "https";
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
        else if (url.HostNameType == UriHostNameType.Dns && !IsDnsName(url.IdnHost))
            errors.Add("url", $"a URL whose host is a DNS name: at most {MaxDnsName} characters, {MaxDnsLabel} between dots");
        else
            return url;
        return null;
    }
}
