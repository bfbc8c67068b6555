using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Monitoring.Ingest.Validation;

/// <summary>
/// Checks a JSON value against the shape of a request record before it is deserialized, so that every
/// value of the wrong type is named (the serializer stops at the first). Unknown properties are allowed.
/// </summary>
public static class JsonShape
{
    /// <summary>
    /// Reads <paramref name="element"/> as <typeparamref name="T"/>. Values of the wrong type are reported and
    /// read as null, so the caller's rules still see (and report) every other field.
    /// </summary>
    public static T Read<T>(JsonElement element, FieldErrors errors, string path = "") where T : class
    {
        var before = errors.Count;
        Walk(element, typeof(T), path, errors, clone: false);
        if (errors.Count == before)
            return element.Deserialize<T>(RequestJson.Options)!;

        var clean = Walk(element, typeof(T), path, new FieldErrors(), clone: true);
        return (clean ?? new JsonObject()).Deserialize<T>(RequestJson.Options)!;
    }

    static JsonNode? Walk(JsonElement element, Type type, string path, FieldErrors errors, bool clone)
    {
        if (element.ValueKind == JsonValueKind.Null)
            return null;

        var target = Nullable.GetUnderlyingType(type) ?? type;
        string? expected = target switch
        {
            _ when target == typeof(string) => element.ValueKind == JsonValueKind.String ? null : "a string",
            _ when target == typeof(int) => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out _) ? null : "an integer",
            _ when target == typeof(decimal) => element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out _) ? null : "a number",
            _ when target == typeof(bool) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "true or false",
            _ when target == typeof(DateTimeOffset) => element.ValueKind == JsonValueKind.String && RequestJson.TryParseTime(element.GetString()!, out _)
                ? null : "an ISO 8601 time with an offset, such as 2026-12-12T09:00:00+08:00",
            _ => "",
        };
        if (expected is null)
            return clone ? JsonValue.Create(element) : null;
        if (expected.Length > 0)
        {
            errors.Add(Name(path), expected);
            return null;
        }

        var info = RequestJson.Options.GetTypeInfo(target);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => WalkArray(element, info.ElementType!, path, errors, clone),
            JsonTypeInfoKind.Object => WalkObject(element, info, path, errors, clone),
            _ => throw new NotSupportedException($"Request records may not use {target.Name}"),
        };
    }

    static JsonNode? WalkArray(JsonElement element, Type itemType, string path, FieldErrors errors, bool clone)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(Name(path), "an array");
            return null;
        }
        if (element.GetArrayLength() > RequestJson.MaxItems)
        {
            errors.Add(Name(path), $"at most {RequestJson.MaxItems} items per call");
            return null;
        }

        var array = clone ? new JsonArray() : null;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var node = Walk(item, itemType, $"{path}[{index++}]", errors, clone);
            array?.Add(node);
        }
        return array;
    }

    static JsonObject? WalkObject(JsonElement element, JsonTypeInfo info, string path, FieldErrors errors, bool clone)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Name(path), "an object");
            return null;
        }

        var result = clone ? new JsonObject() : null;
        foreach (var property in element.EnumerateObject())
        {
            var known = info.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
                continue;
            var node = Walk(property.Value, known.PropertyType, path.Length == 0 ? known.Name : $"{path}.{known.Name}", errors, clone);
            if (node is not null)
                result![known.Name] = node;
        }
        return result;
    }

    static string Name(string path) => path.Length == 0 ? "body" : path;
}
