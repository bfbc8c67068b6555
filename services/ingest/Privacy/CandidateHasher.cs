using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Monitoring.Ingest.Privacy;

/// <summary>
/// Replaces a 身份证号 by HMAC-SHA256 under a secret key, as hex prefixed by the key's id (<c>id:hex</c>; bare hex under
/// the first key, which has none). Without the key nobody can test a guessed number against a hash, which a plain hash
/// of an 18-digit number with a known structure would allow.
/// </summary>
public sealed class CandidateHasher(IOptions<PrivacyOptions> options)
{
    readonly (string Id, byte[] Key) current = (options.Value.CandidateHashKeyId, Convert.FromBase64String(options.Value.CandidateHashKey));
    readonly (string Id, byte[] Key)[] previous = [.. options.Value.PreviousCandidateHashKeys.Select(k => (k.Id, Convert.FromBase64String(k.Key)))];

    /// <summary>The hash under the current key.</summary>
    public string Hash(string identityNumber) => Hash(current, identityNumber);

    /// <summary>The hashes under the keys being retired (none when no rotation is under way).</summary>
    public IReadOnlyList<string> PreviousHashes(string identityNumber) => [.. previous.Select(key => Hash(key, identityNumber))];

    static string Hash((string Id, byte[] Key) key, string identityNumber)
    {
        Span<byte> input = stackalloc byte[18];
        var length = Encoding.ASCII.GetBytes(identityNumber.ToUpperInvariant(), input);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key.Key, input[..length], hash);
        var hex = Convert.ToHexStringLower(hash);
        return key.Id.Length == 0 ? hex : $"{key.Id}:{hex}";
    }
}
