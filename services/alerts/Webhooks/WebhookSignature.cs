using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Alerts.Webhooks;

/// <summary>
/// How a receiver knows a warning came from us and was not replayed: <c>X-Monitoring-Timestamp</c> (Unix
/// seconds) and <c>X-Monitoring-Signature: sha256=&lt;hex HMAC-SHA256 over "{timestamp}.{body}" with the
/// webhook's secret&gt;</c>. Receivers should refuse timestamps more than 5 minutes old.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Monitoring-Timestamp";
    public const string SignatureHeader = "X-Monitoring-Signature";
    public const string DeliveryHeader = "X-Monitoring-Delivery";

    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));

    public static bool Verify(string secret, string timestampHeader, string body, string signatureHeader) =>
        long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signatureHeader));
}
