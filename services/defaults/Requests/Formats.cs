using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// The code formats of DOMAIN.md's data conventions, for every service: a value is matched whole. Patterns
/// end in <c>\z</c>, never <c>$</c>: .NET's <c>$</c> also matches before a final <c>\n</c>, so <c>"SEC-1\n"</c>
/// would pass as a plan id.
/// </summary>
public static partial class Formats
{
    public const int MaxPlanId = 64;
    public const int MaxOrgCode = 32;
    public const string PlanIdExpected = "1–64 characters of A-Z a-z 0-9 -";
    public const string OrgCodeExpected = "an org code: 1–32 printable characters";
    public const string RegionExpected = "a 6-digit Zhejiang region code: 330000, a city (330100–331100) or a county under one";
    public const string CityRegionExpected = "a 6-digit region code under one of Zhejiang's 11 cities (330100–331199)";

    /// <summary>Zhejiang's 11 prefecture-level cities, 330100 杭州 to 331100 丽水, and the counties under them (GB/T 2260).</summary>
    public static bool IsZhejiangRegion(string code) =>
        code.Length == 6 && IsAsciiDigits(code) && code.StartsWith("33", StringComparison.Ordinal)
        && int.Parse(code.AsSpan(2, 2), CultureInfo.InvariantCulture) is >= 1 and <= 11;

    /// <summary>A region a center or a query may name: the province (330000) too.</summary>
    public static bool IsRegionOrProvince(string code) => code == "330000" || IsZhejiangRegion(code);

    public static bool IsPlanId(string value) => PlanId().IsMatch(value);

    /// <summary>Org codes are the platform's: printable text, as ingest takes them in.</summary>
    public static bool IsOrgCode(string value) => value.Length <= MaxOrgCode && IsPrintableText(value);

    /// <summary>
    /// Codes, names and free text: not blank, and no control, format, private-use or unassigned characters
    /// (no NUL, no CR LF). Characters outside the BMP, such as rare 汉字 in names, are letters like any other.
    /// </summary>
    public static bool IsPrintableText(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return false;
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            // An unpaired surrogate does not decode: it is not text.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                    or UnicodeCategory.OtherNotAssigned)
                return false;
            rest = rest[used..];
        }
        return true;
    }

    /// <summary>Free text that may span lines (a reason, a summary): printable text, line breaks and tabs allowed.</summary>
    public static bool IsParagraph(string value) =>
        IsPrintableText(value.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' '));

    /// <summary>Whether any character of <paramref name="value"/> is a control character (NUL, CR, LF, …).</summary>
    public static bool HasControlCharacter(string value) => value.AsSpan().ContainsAny(ControlCharacters);

    static readonly System.Buffers.SearchValues<char> ControlCharacters =
        System.Buffers.SearchValues.Create(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).ToArray());

    static bool IsAsciiDigits(string value) => value.All(char.IsAsciiDigit);

    [GeneratedRegex(@"\A[A-Za-z0-9-]{1,64}\z")]
    private static partial Regex PlanId();

    /// <summary>2022 classification: <c>X-XX-XX-XX</c>, a 工种 adds <c>-XX</c>.</summary>
    [GeneratedRegex(@"\A[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}(-[0-9]{2})?\z")]
    public static partial Regex OccupationCode();

    /// <summary>S (social org) or Y (employer), org code (4), province 33, site serial (6), year (2), level (1), serial (6).</summary>
    [GeneratedRegex(@"\A[SY][0-9]{4}33[0-9]{15}\z")]
    public static partial Regex CertificateNo();
}
