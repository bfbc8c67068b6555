using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Monitoring.ServiceDefaults.Configuration;

namespace Monitoring.Ingest.Privacy;

/// <summary>
/// The <c>Privacy</c> section: the key that turns a 身份证号 into a candidate hash, and the keys being retired.
/// <para>
/// Rotating the key (docs/deploying.md): give the new key a new <see cref="CandidateHashKeyId"/>, and move the old
/// key with its id (empty for the first key, whose hashes carry none) into <see cref="PreviousCandidateHashKeys"/>.
/// Certificates then carry the person's hash under every configured key, so "one person, several certificates"
/// matches certificates hashed before the rotation with those hashed after. Remove a previous key once the
/// certificates hashed only under it are older than scoring's duplicate-certificate window.
/// </para>
/// </summary>
public sealed partial class PrivacyOptions : IValidatableObject
{
    public const string Section = "Privacy";

    /// <summary>The HMAC key (base64, at least 32 bytes) that turns a 身份证号 into a candidate hash now.</summary>
    [Required]
    public string CandidateHashKey { get; init; } = "";

    /// <summary>
    /// The id hashes under <see cref="CandidateHashKey"/> carry, as <c>id:hex</c> (1–16 of a–z and 0–9); empty for the
    /// first key, whose hashes are bare hex, as they were before keys had ids.
    /// </summary>
    public string CandidateHashKeyId { get; init; } = "";

    /// <summary>Keys being retired, each with the id its hashes carry: certificates are hashed under these too.</summary>
    public IReadOnlyList<RetiredHashKey> PreviousCandidateHashKeys { get; init; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Base64Key.ByteLength(CandidateHashKey) < 32)
            yield return new ValidationResult("Privacy:CandidateHashKey must be base64 of at least 32 random bytes.", [nameof(CandidateHashKey)]);
        if (CandidateHashKeyId.Length > 0 && !KeyId().IsMatch(CandidateHashKeyId))
            yield return new ValidationResult("Privacy:CandidateHashKeyId must be 1–16 of a–z and 0–9, or empty.", [nameof(CandidateHashKeyId)]);
        for (var i = 0; i < PreviousCandidateHashKeys.Count; i++)
        {
            var previous = PreviousCandidateHashKeys[i];
            if (Base64Key.ByteLength(previous.Key) < 32)
                yield return new ValidationResult($"Privacy:PreviousCandidateHashKeys:{i}:Key must be base64 of at least 32 random bytes.", [nameof(PreviousCandidateHashKeys)]);
            if (previous.Id.Length > 0 && !KeyId().IsMatch(previous.Id))
                yield return new ValidationResult($"Privacy:PreviousCandidateHashKeys:{i}:Id must be 1–16 of a–z and 0–9, or empty.", [nameof(PreviousCandidateHashKeys)]);
        }
        var ids = PreviousCandidateHashKeys.Select(k => k.Id).Prepend(CandidateHashKeyId).ToList();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            yield return new ValidationResult("Privacy: every candidate-hash key needs an id of its own (a rotated key needs a new CandidateHashKeyId).",
                [nameof(CandidateHashKeyId)]);
    }

    [GeneratedRegex("^[a-z0-9]{1,16}$")]
    private static partial Regex KeyId();
}

/// <summary>A candidate-hash key being retired, and the id its hashes carry.</summary>
public sealed class RetiredHashKey
{
    public string Id { get; init; } = "";

    public string Key { get; init; } = "";
}
