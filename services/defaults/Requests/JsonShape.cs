using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Monitoring.ServiceDefaults;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// Checks a JSON value against the shape of a request record before it is deserialized, so that every
/// value of the wrong type is named in the caller's terms (the serializer stops at the first, and names .NET
/// types). A property given twice (in any letter case) is refused: the last one would silently win. Unknown
/// properties are allowed unless the options disallow unmapped members; then they, missing required
/// properties and nulls the type does not allow are named too.
/// </summary>
public static class JsonShape
{
    /// <summary>
    /// Reads <paramref name="element"/> as <typeparamref name="T"/>. Values of the wrong type are reported and
    /// read as null, so the caller's rules still see (and report) every other field.
    /// </summary>
    public static T Read<T>(JsonElement element, FieldErrors errors, string path = "") where T : class
    {
        var options = RequestJson.Options;
        var before = errors.Count;
        if (element.ValueKind == JsonValueKind.Null)
            errors.Add(Name(path), "an object");
        else
            Walk(element, typeof(T), path, errors, clone: false, options);
        if (errors.Count == before)
            return element.Deserialize<T>(options)!;

        var clean = Walk(element, typeof(T), path, new FieldErrors(), clone: true, options);
        return (clean ?? new JsonObject()).Deserialize<T>(options)!;
    }

    /// <summary>
    /// Reads <paramref name="element"/> as <typeparamref name="T"/> under strict <paramref name="options"/>
    /// (unmapped members disallowed): null, with every problem in <paramref name="errors"/>, when it does not fit.
    /// </summary>
    public static T? ReadStrict<T>(JsonElement element, FieldErrors errors, JsonSerializerOptions options) where T : class
    {
        // As the serializer would on first use: the walk needs the options' type metadata.
        if (!options.IsReadOnly)
            options.MakeReadOnly(populateMissingResolver: true);
        var before = errors.Count;
        if (element.ValueKind == JsonValueKind.Null)
            errors.Add("body", "an object");
        else
            Walk(element, typeof(T), "", errors, clone: false, options);
        if (errors.Count > before)
            return null;
        try
        {
            return element.Deserialize<T>(options);
        }
        catch (JsonException ex)
        {
            // The walk knows the shapes the serializer refuses; should one slip through, name the place, never the type.
            errors.Add(Name(ex.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : ""), "a value of the expected type");
            return null;
        }
    }

    static JsonNode? Walk(JsonElement element, Type type, string path, FieldErrors errors, bool clone, JsonSerializerOptions options)
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
            _ when target == typeof(TimeSpan) => element.ValueKind == JsonValueKind.String && TimeSpan.TryParse(element.GetString(),
                System.Globalization.CultureInfo.InvariantCulture, out _) ? null : "a duration such as 35.00:00:00",
            _ when target.IsEnum => element.ValueKind == JsonValueKind.String && EnumNames(target).Contains(element.GetString()!)
                ? null : "one of " + string.Join(", ", EnumNames(target)),
            _ when target == typeof(JsonElement) => null,
            _ => "",
        };
        if (expected is null)
            return clone ? JsonValue.Create(element) : null;
        if (expected.Length > 0)
        {
            errors.Add(Name(path), expected);
            return null;
        }

        var info = options.GetTypeInfo(target);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => WalkArray(element, info.ElementType!, path, errors, clone, options),
            JsonTypeInfoKind.Object => WalkObject(element, info, path, errors, clone, options),
            _ => throw new NotSupportedException($"Request records may not use {target.Name}"),
        };
    }

    static JsonNode? WalkArray(JsonElement element, Type itemType, string path, FieldErrors errors, bool clone, JsonSerializerOptions options)
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
            var node = Walk(item, itemType, $"{path}[{index++}]", errors, clone, options);
            array?.Add(node);
        }
        return array;
    }

    static JsonObject? WalkObject(JsonElement element, JsonTypeInfo info, string path, FieldErrors errors, bool clone, JsonSerializerOptions options)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Name(path), "an object");
            return null;
        }

        var strict = options.UnmappedMemberHandling == JsonUnmappedMemberHandling.Disallow;
        var result = clone ? new JsonObject() : null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                errors.Add(Field(path, property.Name), "given once (this property appears more than once)");
                continue;
            }
            var known = info.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                if (strict)
                    errors.Add(Field(path, property.Name), "not a known field");
                continue;
            }
            var field = Field(path, known.Name);
            if (property.Value.ValueKind == JsonValueKind.Null && strict && !known.IsSetNullable)
            {
                errors.Add(field, "required");
                continue;
            }
            var node = Walk(property.Value, known.PropertyType, field, errors, clone, options);
            if (node is not null)
                result![known.Name] = node;
        }
        if (strict)
        {
            foreach (var required in info.Properties.Where(p => p.IsRequired && !seen.Contains(p.Name)))
                errors.Add(Field(path, required.Name), "required");
        }
        return result;
    }

    static string[] EnumNames(Type type) =>
        EnumText.Values(type);

    static string Field(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    static string Name(string path) => path.Length == 0 ? "body" : path;
}
