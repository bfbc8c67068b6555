using System.Globalization;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// The 18-character resident identity number (GB 11643): 6 digits of region, 8 of birth date, 3 of
/// sequence and a check character computed by ISO 7064 MOD 11-2 (0–9 or X).
/// </summary>
public static class IdentityNumber
{
    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const string CheckCharacters = "10X98765432";

    /// <summary>Why the value is not a valid number, or null when it is. The message never repeats the value.</summary>
    public static string? Problem(string value, DateOnly today)
    {
        if (value.Length != 18)
            return "an 18-character 身份证号";
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
                return "17 digits followed by a digit or X";
        }
        if (!char.IsAsciiDigit(value[17]) && value[17] is not ('X' or 'x'))
            return "17 digits followed by a digit or X";
        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
            || born.Year < 1900 || born > today)
            return "a 身份证号 with a real birth date";

        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (value[i] - '0') * Weights[i];
        if (char.ToUpperInvariant(value[17]) != CheckCharacters[sum % 11])
            return "a 身份证号 whose check character (ISO 7064 MOD 11-2) matches";
        return null;
    }

    /// <summary>The check character of the first 17 digits: test data builds valid numbers with it.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }
}
