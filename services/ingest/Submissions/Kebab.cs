using System.Text.Json;

namespace Monitoring.Ingest.Submissions;

/// <summary>API values are kebab-case (<c>internal-emergency</c>); contract enums are PascalCase members.</summary>
static class Kebab
{
    public static TEnum Parse<TEnum>(string value) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);

    public static string[] Values<TEnum>() where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName).ToArray();
}
