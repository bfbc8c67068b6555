namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// Supervision by jurisdiction (属地管理): a center sees its own region and everything under it.
/// GB/T 2260 codes nest by pairs of digits, <c>330000</c> ⊃ <c>330100</c> ⊃ <c>330106</c>.
/// </summary>
public static class Jurisdiction
{
    public static bool Covers(string centerRegion, string regionCode)
    {
        var prefix = centerRegion.AsSpan();
        while (prefix.Length > 2 && prefix.EndsWith("00"))
            prefix = prefix[..^2];
        return regionCode.Length == centerRegion.Length && regionCode.AsSpan().StartsWith(prefix, StringComparison.Ordinal);
    }
}
