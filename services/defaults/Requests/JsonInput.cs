using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// The one way JSON from outside becomes a <see cref="JsonDocument"/>, in every service: UTF-8 text (checked
/// whole: the reader would otherwise accept bad bytes inside strings and fail later, when they are read),
/// nested at most <see cref="MaxDepth"/> deep, each property of an object given once.
/// </summary>
public static class JsonInput
{
    public const int MaxDepth = 64;

    static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };
    static readonly JsonDocumentOptions Permissive = new() { AllowDuplicateProperties = true, MaxDepth = MaxDepth };

    /// <summary>
    /// The document, or null with the problem in <paramref name="errors"/> under <paramref name="field"/>. Where the
    /// JSON is not well formed, the message gives the position (just the byte for one line of an import).
    /// </summary>
    public static JsonDocument? Parse(ReadOnlySequence<byte> bytes, FieldErrors errors, string field, bool singleLine = false)
    {
        if (!(bytes.IsSingleSegment ? Utf8.IsValid(bytes.FirstSpan) : Utf8.IsValid(bytes.ToArray())))
        {
            errors.Add(field, "UTF-8 text");
            return null;
        }
        try
        {
            return JsonDocument.Parse(bytes, Strict);
        }
        catch (JsonException ex)
        {
            var duplicate = FindDuplicate(bytes);
            if (duplicate is not null)
                errors.Add(duplicate.Length == 0 ? field : duplicate, "given once (this property appears more than once)");
            else
                errors.Add(field, ex.LineNumber > 0 || !singleLine
                    ? $"valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})"
                    : $"valid JSON (byte {ex.BytePositionInLine + 1})");
            return null;
        }
    }

    public static JsonDocument? Parse(ReadOnlyMemory<byte> bytes, FieldErrors errors, string field) =>
        Parse(new ReadOnlySequence<byte>(bytes), errors, field);

    /// <summary>The path of the first property given twice (the strict parser does not say which), or null.</summary>
    static string? FindDuplicate(ReadOnlySequence<byte> bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Permissive);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
            return FindDuplicate(document.RootElement, "");
    }

    static string? FindDuplicate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!seen.Add(property.Name))
                        return field;
                    if (FindDuplicate(property.Value, field) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindDuplicate(item, $"{path}[{index++}]") is { } inner)
                        return inner;
                }
                return null;
            default:
                return null;
        }
    }
}
