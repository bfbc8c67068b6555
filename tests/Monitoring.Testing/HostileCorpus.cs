using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitoring.Testing;

/// <summary>
/// One row of a hostile-input corpus: a request as a careless or hostile caller sends it, the status it must get,
/// and what its problem details must name: for a 400 the field under <c>errors</c>; for a refusal that has no
/// field (403, 404, 405, 413, 414, 415) the title.
/// </summary>
/// <param name="Caller">Whose key is sent: <c>platform</c>, <c>operator</c>, <c>center</c> (Hangzhou) or <c>anonymous</c> (none).</param>
/// <param name="ContentType">Sent as the body's <c>Content-Type</c>; null sends none.</param>
public sealed record HostileCase(string Name, string Caller, HttpMethod Method, string Path, byte[]? Body, string? ContentType, int Status, string Names)
{
    public const string Json = "application/json";

    public override string ToString() => Name;
}

/// <summary>
/// Sends a corpus' cases to a service in this process and checks each answer: the status, problem details naming
/// the field (or with the title), and the service's own log: the request finished with that status, and no request
/// was answered with a 5xx or ended in an unhandled exception meanwhile.
/// </summary>
public static class HostileCorpus
{
    public static async Task AssertRefusedAsync<TEntryPoint>(InProcessService<TEntryPoint> app, HostileCase bad) where TEntryPoint : class
    {
        var log = app.Log;
        var finished = log.FinishedRequests;
        var serverErrors = log.ServerErrors.Count;
        var unhandled = log.UnhandledExceptions.Count;

        using var client = bad.Caller == "anonymous" ? app.CreateClient() : app.Client(app.Environment.Keys.For(bad.Caller));
        using var request = new HttpRequestMessage(bad.Method, bad.Path);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            if (bad.ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        await log.WaitForFinishedRequestsAsync(finished + 1);

        var status = (int)response.StatusCode;
        Require(status == bad.Status, $"expected {bad.Status}, got {status}: {Shorten(text)}");
        Require(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"expected problem details, got {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {Shorten(text)}");
        var problem = JsonDocument.Parse(text).RootElement;
        Require(problem.TryGetProperty("status", out var said) && said.GetInt32() == bad.Status, $"the problem's status should be {bad.Status}: {Shorten(text)}");
        if (bad.Status == 400)
        {
            Require(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(bad.Names, out _),
                $"the problem should name {bad.Names} under errors: {Shorten(text)}");
        }
        else
            Require(problem.TryGetProperty("title", out var title) && title.GetString() == bad.Names, $"the problem's title should be \"{bad.Names}\": {Shorten(text)}");

        Require(log.RecentRequests.Count > 0 && log.RecentRequests[^1].StatusCode == bad.Status,
            $"the service's log should show the request answered {bad.Status}: {string.Join("; ", log.RecentRequests.TakeLast(3))}");
        Require(log.ServerErrors.Count == serverErrors, $"the service answered a 5xx: {string.Join("; ", log.ServerErrors.Skip(serverErrors))}");
        Require(log.UnhandledExceptions.Count == unhandled, $"the service logged an unhandled exception: {string.Join("\n", log.UnhandledExceptions.Skip(unhandled))}");
    }

    /// <summary>After a whole corpus: the service's log holds no 5xx answer and no unhandled exception.</summary>
    public static void AssertNoServerErrors(ServiceLog log)
    {
        Require(log.ServerErrors.Count == 0, $"the service answered a 5xx: {string.Join("; ", log.ServerErrors)}");
        Require(log.UnhandledExceptions.Count == 0, $"the service logged an unhandled exception: {string.Join("\n", log.UnhandledExceptions)}");
    }

    /// <summary>The names a corpus gives its cases are distinct, and so are the requests.</summary>
    public static void AssertDistinct(IReadOnlyCollection<HostileCase> cases)
    {
        var names = cases.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Require(names.Count == 0, $"cases named twice: {string.Join(", ", names)}");
        var requests = cases.GroupBy(c => $"{c.Caller} {c.Method} {c.Path} {c.ContentType} {Convert.ToBase64String(c.Body ?? [])}")
            .Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(c => c.Name))).ToList();
        Require(requests.Count == 0, $"the same request twice: {string.Join(", ", requests)}");
    }

    static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";

    static void Require(bool holds, string what)
    {
        if (!holds)
            throw new InvalidOperationException(what);
    }
}

/// <summary>Bodies a hostile corpus sends: JSON with one thing wrong that a JSON object cannot hold.</summary>
public static class HostileBody
{
    /// <summary>An invalid UTF-8 sequence, as a reader finds it only when it reads the string it is in.</summary>
    static readonly byte[] BadUtf8 = [0xC3, 0x28, 0xFF];

    public static byte[] Raw(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Of(JsonNode body) => Raw(body.ToJsonString());

    /// <summary><paramref name="body"/> with invalid UTF-8 at the start of the string value of <paramref name="property"/>.</summary>
    public static byte[] BrokenUtf8In(JsonObject body, string property)
    {
        var text = body.ToJsonString();
        var marker = $"\"{property}\":\"";
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            throw new ArgumentException($"{property} is not a string property of the body", nameof(property));
        at += marker.Length;
        return [.. Raw(text[..at]), .. BadUtf8, .. Raw(text[at..])];
    }

    /// <summary><paramref name="body"/> with the value of <paramref name="property"/> written as it is: <c>1e400</c>, arrays nested deep.</summary>
    public static byte[] WithRaw(JsonObject body, string property, string raw)
    {
        const string Placeholder = "\u0001raw\u0001";
        var copy = body.DeepClone().AsObject();
        copy[property] = Placeholder;
        return Raw(copy.ToJsonString().Replace(JsonSerializer.Serialize(Placeholder), raw, StringComparison.Ordinal));
    }

    /// <summary><paramref name="body"/> with <paramref name="property"/> given a second time, first as <paramref name="spelled"/>.</summary>
    public static byte[] Twice(JsonObject body, string property, string spelled, JsonNode? first)
    {
        var rest = body.ToJsonString();
        return Raw($"{{{JsonSerializer.Serialize(spelled)}:{first?.ToJsonString() ?? "null"},{rest[1..]}");
    }

    /// <summary>Arrays nested <paramref name="depth"/> deep, as the value of <paramref name="property"/>.</summary>
    public static byte[] Nested(JsonObject body, string property, int depth) =>
        WithRaw(body, property, new string('[', depth) + new string(']', depth));

    /// <summary><paramref name="body"/> with a property of padding, so that the whole has more than <paramref name="bytes"/> bytes.</summary>
    public static byte[] Padded(JsonObject body, int bytes)
    {
        var copy = body.DeepClone().AsObject();
        copy["padding"] = new string('x', bytes);
        return Of(copy);
    }
}
