using System.Globalization;
using System.Text;

namespace Monitoring.Bench.Ingest;

/// <summary>Request bodies as the platform sends them, distinct per request so no two share a message id.</summary>
static class Bodies
{
    public static string Close(int i) =>
        FormattableString.Invariant($$"""{"closedAt":"2026-12-25T10:{{i / 60 % 60:D2}}:{{i % 60:D2}}+08:00"}""");

    public static string Results(int count, int request) => "{\"results\":[" + ResultItems(count, request) + "]}";

    public static string ImportLine(string run, int line, int results) =>
        "{\"type\":\"results\",\"planId\":\"I" + run + "-" + line.ToString(CultureInfo.InvariantCulture) + "\",\"body\":{\"results\":["
        + ResultItems(results, line) + "]}}";

    static string ResultItems(int count, int seed)
    {
        var items = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                items.Append(',');
            items.Append(CultureInfo.InvariantCulture, $$"""{"candidateId":"{{IdentityNumber(seed * 7 + i)}}","theoryScore":{{60 + i % 40}},"skillScore":75.5,"passed":true,"recordedAt":"2026-12-14T10:00:00+08:00","editedAfterLock":false}""");
        }
        return items.ToString();
    }

    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    static string IdentityNumber(int n)
    {
        var first17 = "33010619900307" + (n % 1000).ToString("D3", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return first17 + "10X98765432"[sum % 11];
    }
}
