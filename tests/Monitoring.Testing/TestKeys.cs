using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Testing;

/// <summary>One key per role, fresh for every test environment.</summary>
public sealed class TestKeys
{
    public const string CenterRegion = "330100";

    public string Platform { get; } = New();
    public string Operator { get; } = New();

    /// <summary>A center key bound to Hangzhou (330100).</summary>
    public string Center { get; } = New();

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);

    /// <summary>How services store a key: lower-case hex SHA-256.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    static string New() => "mk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
