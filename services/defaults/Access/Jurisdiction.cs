namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// Supervision by jurisdiction (属地管理): a center sees its own region and everything under it.
/// GB/T 2260 codes nest by pairs of digits, <c>330000</c> ⊃ <c>330100</c> ⊃ <c>330106</c>.
/// </summary>
public static class Jurisdiction
{
    /// <summary>Zhejiang's 11 cities (设区市), whose municipal centers receive the warnings of their regions.</summary>
    public static readonly IReadOnlyList<string> Cities =
        ["330100", "330200", "330300", "330400", "330500", "330600", "330700", "330800", "330900", "331000", "331100"];

    /// <summary>The city a region belongs to (<c>330106</c> → <c>330100</c>); the province is its own.</summary>
    public static string CityOf(string regionCode) => regionCode.Length == 6 ? regionCode[..4] + "00" : regionCode;

    public static bool Covers(string centerRegion, string regionCode) =>
        regionCode.Length == centerRegion.Length && regionCode.StartsWith(Prefix(centerRegion), StringComparison.Ordinal);

    /// <summary>A SQL <c>LIKE</c> pattern for the regions a center covers; every region when there is no center.</summary>
    /// <remarks>The prefix is escaped, so a value that slipped past validation matches itself, never more.</remarks>
    public static string LikePattern(string? centerRegion) => (centerRegion is null ? "" : EscapeLike(Prefix(centerRegion))) + "%";

    /// <summary>Escapes <c>LIKE</c>'s wildcards (PostgreSQL's default escape character is the backslash).</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The digits every region under <paramref name="centerRegion"/> starts with (for SQL <c>LIKE prefix%</c>).</summary>
    public static string Prefix(string centerRegion)
    {
        var prefix = centerRegion;
        while (prefix.Length > 2 && prefix.EndsWith("00", StringComparison.Ordinal))
            prefix = prefix[..^2];
        return prefix;
    }
}
