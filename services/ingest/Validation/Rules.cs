using System.Text.RegularExpressions;

namespace Monitoring.Ingest.Validation;

/// <summary>The code formats of DOMAIN.md's data conventions.</summary>
public static partial class Rules
{
    /// <summary>Zhejiang's 11 prefecture-level cities, 330100 杭州 to 331100 丽水 (GB/T 2260).</summary>
    public static bool IsZhejiangRegion(string code) =>
        code.Length == 6 && code.All(char.IsAsciiDigit) && code.StartsWith("33", StringComparison.Ordinal)
        && int.Parse(code.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 11;

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    public static partial Regex PlanId();

    /// <summary>2022 classification: <c>X-XX-XX-XX</c>, a 工种 adds <c>-XX</c>.</summary>
    [GeneratedRegex("^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}(-[0-9]{2})?$")]
    public static partial Regex OccupationCode();

    /// <summary>S (social org) or Y (employer), org code (4), province 33, site serial (6), year (2), level (1), serial (6).</summary>
    [GeneratedRegex("^[SY][0-9]{4}33[0-9]{15}$")]
    public static partial Regex CertificateNo();

    /// <summary>Codes and names: printable text without control characters.</summary>
    [GeneratedRegex(@"^[^\p{C}]+$")]
    public static partial Regex PrintableText();
}
