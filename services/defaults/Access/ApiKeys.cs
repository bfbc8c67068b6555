using System.Security.Cryptography;
using System.Text;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// Keys are 256 random bits; a service stores and compares only their SHA-256. A slow password hash adds
/// nothing for a secret with this much entropy, and a fast one keeps authentication off the hot path.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "mk_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
