using System.ComponentModel.DataAnnotations;
using Monitoring.ServiceDefaults.Configuration;

namespace Monitoring.Ingest.Privacy;

/// <summary>The <c>Privacy</c> section.</summary>
public sealed class PrivacyOptions : IValidatableObject
{
    public const string Section = "Privacy";

    /// <summary>
    /// The HMAC key (base64, at least 32 bytes) that turns a 身份证号 into <c>CandidateHash</c>. Keep it
    /// stable: the same person must hash the same way across plans to find "one person, several certificates".
    /// </summary>
    [Required]
    public string CandidateHashKey { get; init; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Base64Key.ByteLength(CandidateHashKey) < 32)
            yield return new ValidationResult("Privacy:CandidateHashKey must be base64 of at least 32 random bytes.", [nameof(CandidateHashKey)]);
    }
}
