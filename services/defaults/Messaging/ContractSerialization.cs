using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>
/// The one JSON shape of the contracts, used both by MassTransit on the wire and by the outbox table:
/// camelCase fields and enums as kebab-case strings (<c>internal-emergency</c>), as in API.md.
/// </summary>
public static class ContractSerialization
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        return options;
    }
}
