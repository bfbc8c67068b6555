using System.ComponentModel.DataAnnotations;
using Monitoring.ServiceDefaults.Configuration;

namespace Monitoring.Alerts.Webhooks;

/// <summary>The <c>Alerts:Webhooks</c> section.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Alerts:Webhooks";

    /// <summary>
    /// The AES-256 key (base64 of 32 random bytes) that seals webhook signing secrets at rest: a database
    /// dump does not hold a secret a receiver trusts. Keep it in a secret store; losing it means
    /// re-registering the webhooks. Every secret is sealed under this key: on start, secrets sealed under a key of
    /// <see cref="PreviousSecretKeys"/> (or by versions that stored them in the clear) are sealed again under it.
    /// </summary>
    [Required]
    public string SecretKey { get; init; } = "";

    /// <summary>
    /// Keys (base64 of 32 bytes each) that open secrets but never seal one: the keys <see cref="SecretKey"/> replaced,
    /// until every replica has sealed the secrets again under the current key; or, one rollout ahead of a rotation,
    /// the key about to become current, so that replicas still running the old configuration open what new ones seal.
    /// docs/deploying.md, "Rotating the webhook sealing key", has the procedure.
    /// </summary>
    public List<string> PreviousSecretKeys { get; init; } = [];

    /// <summary>
    /// Whether webhooks may reach non-public addresses, for a receiver on a private network. Outside Development and
    /// Testing it opens the private ranges only (10/8, 172.16/12, 192.168/16, fc00::/7): loopback, link-local and shared
    /// address space, where cloud metadata answers (169.254.169.254, 100.100.100.200), stay refused. In Development and
    /// Testing it opens every address, for a receiver on this machine. Off in production: a center's URL must never make
    /// alerts call into the platform's own network.
    /// </summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>The longest URL a webhook may have.</summary>
    [Range(16, 8192)]
    public int MaxUrlLength { get; init; } = 2048;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Base64Key.ByteLength(SecretKey) != 32)
            yield return new ValidationResult("Alerts:Webhooks:SecretKey must be base64 of 32 random bytes.", [nameof(SecretKey)]);
        for (var i = 0; i < PreviousSecretKeys.Count; i++)
        {
            if (Base64Key.ByteLength(PreviousSecretKeys[i]) != 32)
                yield return new ValidationResult($"Alerts:Webhooks:PreviousSecretKeys:{i} must be base64 of 32 random bytes.", [nameof(PreviousSecretKeys)]);
        }
    }
}
