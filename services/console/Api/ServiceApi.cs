using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Console.Session;

namespace Monitoring.Console.Api;

/// <summary>
/// Calls one service's public API as the clerk: the clerk's key as the bearer, the clerk's address as X-Forwarded-For (which
/// the services read when they run behind a proxy they trust), and every failure turned into an <see cref="ApiFailure"/>.
/// </summary>
public abstract class ServiceApi(HttpClient http, string service, ILogger logger)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected Task<ApiResult<T>> GetAsync<T>(Clerk clerk, string path, CancellationToken ct) =>
        SendAsync<T>(clerk.Key, clerk.ClientAddress, HttpMethod.Get, path, null, ct);

    protected Task<ApiResult<T>> PostAsync<T>(Clerk clerk, string path, object? body, CancellationToken ct) =>
        SendAsync<T>(clerk.Key, clerk.ClientAddress, HttpMethod.Post, path, body, ct);

    protected async Task<ApiResult<T>> SendAsync<T>(string key, string? clientAddress, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        try
        {
            using var request = Request(key, clientAddress, method, path);
            if (body is not null)
                request.Content = JsonContent.Create(body, options: Json);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                return await FailureAsync(response, ct);
            return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException { InnerException: TimeoutException } or JsonException)
        {
            logger.LogWarning("{Service} could not be reached for {Method} {Path}: {Error}", service, method, path, ex.Message);
            return new ApiFailure(0, service);
        }
    }

    /// <summary>A file as the service answers it (a notice's PDF), read whole: notices are a few hundred kilobytes.</summary>
    protected async Task<ApiResult<FileAnswer>> GetFileAsync(Clerk clerk, string path, CancellationToken ct)
    {
        try
        {
            using var request = Request(clerk.Key, clerk.ClientAddress, HttpMethod.Get, path);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                return await FailureAsync(response, ct);
            return new ApiResult<FileAnswer>(new FileAnswer(await response.Content.ReadAsByteArrayAsync(ct),
                response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream"), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            logger.LogWarning("{Service} could not be reached for GET {Path}: {Error}", service, path, ex.Message);
            return new ApiFailure(0, service);
        }
    }

    static HttpRequestMessage Request(string key, string? clientAddress, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (clientAddress is not null)
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress);
        return request;
    }

    async Task<ApiFailure> FailureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string? detail = null;
        if (response.StatusCode == HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            try
            {
                detail = (await response.Content.ReadFromJsonAsync<Problem>(Json, ct))?.Detail;
            }
            catch (JsonException)
            {
                // A 403 without readable details is said without its region.
            }
        }
        if ((int)response.StatusCode >= 500)
            logger.LogWarning("{Service} answered {Status} for {Method} {Path}", service, (int)response.StatusCode, response.RequestMessage?.Method,
                response.RequestMessage?.RequestUri?.AbsolutePath);
        return new ApiFailure(response.StatusCode, service, ApiFailure.RegionOf(detail));
    }

    sealed record Problem(string? Title, string? Detail);
}

public sealed record FileAnswer(byte[] Content, string ContentType);
