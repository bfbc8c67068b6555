using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>How request bodies are read: camelCase, and times as ISO 8601 where a missing offset means Asia/Shanghai.</summary>
public static partial class RequestJson
{
    public const int MaxItems = 10_000;

    static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz"];
    static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm"];

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ShanghaiTimeConverter() },
        NumberHandling = JsonNumberHandling.Strict,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static bool TryParseTime(string text, out DateTimeOffset value)
    {
        if (text.EndsWith('Z'))
            text = string.Concat(text.AsSpan(0, text.Length - 1), "+00:00");
        if (OffsetSuffix().IsMatch(text))
            return DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = new DateTimeOffset(local, ShanghaiTime.Offset);
            return true;
        }
        value = default;
        return false;
    }

    [GeneratedRegex(@"[+-][0-9]{2}:[0-9]{2}\z")]
    private static partial Regex OffsetSuffix();

    sealed class ShanghaiTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TryParseTime(reader.GetString()!, out var value)
                ? value
                : throw new JsonException("Expected an ISO 8601 time.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }
}
