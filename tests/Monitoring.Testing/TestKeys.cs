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

    /// <summary>The key of a caller named by its role: <c>platform</c>, <c>operator</c> or <c>center</c> (Hangzhou).</summary>
    public string For(string role) => role switch
    {
        "platform" => Platform,
        "operator" => Operator,
        "center" => Center,
        _ => throw new ArgumentException($"No test key for the role {role}", nameof(role)),
    };

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);

    /// <summary>How services store a key: lower-case hex SHA-256.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    static string New() => "mk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
