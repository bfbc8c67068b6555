using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// How every JSON endpoint of every service reads its body: JSON content type (else 415), at most a limit of
/// bytes (else 413, with problem details rather than a cut connection), then <see cref="JsonInput"/> (UTF-8,
/// depth, each property once) and <see cref="JsonShape"/> (types, in the caller's terms). Each refusal is a
/// counted problem naming the field.
/// </summary>
public sealed class JsonBody : IDisposable
{
    readonly RequestBody bytes;

    JsonBody(RequestBody bytes, JsonDocument document)
    {
        this.bytes = bytes;
        Document = document;
    }

    public JsonDocument Document { get; }

    /// <summary>SHA-256 of method, path and body: what an idempotency key is checked against.</summary>
    public string Hash => bytes.Hash;

    /// <summary>The body as a document, or the refusal to answer with.</summary>
    public static async Task<(JsonBody? Body, JsonRefusal? Refusal)> ReadAsync(HttpContext http, int limit, string advice = "")
    {
        if (!http.Request.HasJsonContentType())
            return (null, new JsonRefusal(Problems.NotJson()));
        var bytes = await RequestBody.ReadAsync(http, limit);
        if (bytes is null)
            return (null, new JsonRefusal(Problems.TooLarge(http, limit, advice)));

        var errors = new FieldErrors();
        var document = JsonInput.Parse(bytes.Bytes, errors, "body");
        if (document is null)
        {
            bytes.Dispose();
            return (null, new JsonRefusal(Problems.Malformed(http, errors)));
        }
        return (new JsonBody(bytes, document), null);
    }

    /// <summary>
    /// The body as <typeparamref name="T"/>, within <see cref="RequestOptions.MaxBodyBytes"/>.
    /// A JSON <c>null</c> or a value that is not an object is refused: every body here is an object.
    /// </summary>
    public static async Task<(T? Value, JsonRefusal? Refusal)> ReadAsync<T>(HttpContext http) where T : class
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<RequestOptions>>().Value.MaxBodyBytes;
        var (body, refusal) = await ReadAsync(http, limit);
        if (body is null)
            return (null, refusal);
        using (body)
        {
            var root = body.Document.RootElement;
            if (NotAnObject(http, root) is { } notAnObject)
                return (null, notAnObject);
            var errors = new FieldErrors();
            var value = JsonShape.Read<T>(root, errors);
            return errors.Any ? (null, new JsonRefusal(Problems.Invalid(http, errors, "The request has invalid fields"))) : (value, null);
        }
    }

    /// <summary>The refusal of a body that is not a JSON object (every body here is one), named <c>body</c>; null for an object.</summary>
    public static JsonRefusal? NotAnObject(HttpContext http, JsonElement root) =>
        root.ValueKind == JsonValueKind.Object ? null : new JsonRefusal(Problems.Malformed(http, "body", "a JSON object"));

    /// <summary>Whether the request has a body at all (for endpoints whose body is optional).</summary>
    public static bool IsPresent(HttpContext http) =>
        http.Request.ContentLength is > 0 || (http.Request.ContentLength is null && http.Request.Headers.TransferEncoding.Count > 0);

    public void Dispose()
    {
        Document.Dispose();
        bytes.Dispose();
    }
}
