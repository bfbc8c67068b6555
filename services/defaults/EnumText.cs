using System.Text.Json;

namespace Monitoring.ServiceDefaults;

/// <summary>
/// The one way an enum becomes text, wherever it goes: kebab-case (<c>internal-emergency</c>, <c>final</c>), as
/// the contracts carry it on the wire (<see cref="Messaging.ContractSerialization"/>), the API spells it and the
/// tables store it.
/// </summary>
public static class EnumText
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);

    /// <summary>Every value's text, for validation messages and checks.</summary>
    public static string[] Values<TEnum>() where TEnum : struct, Enum => Values(typeof(TEnum));

    public static string[] Values(Type enumType) => Enum.GetNames(enumType).Select(JsonNamingPolicy.KebabCaseLower.ConvertName).ToArray();
}
