using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Monitoring.Ingest.Privacy;

/// <summary>
/// Replaces a 身份证号 by HMAC-SHA256 under a secret key (hex). Without the key nobody can test a guessed
/// number against a hash, which a plain hash of an 18-digit number with a known structure would allow.
/// </summary>
public sealed class CandidateHasher(IOptions<PrivacyOptions> options)
{
    readonly byte[] key = Convert.FromBase64String(options.Value.CandidateHashKey);

    public string Hash(string identityNumber)
    {
        Span<byte> input = stackalloc byte[18];
        var length = Encoding.ASCII.GetBytes(identityNumber.ToUpperInvariant(), input);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, input[..length], hash);
        return Convert.ToHexStringLower(hash);
    }
}
