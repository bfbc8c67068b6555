using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Data;
using Npgsql;

namespace Monitoring.Alerts.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: sealed with AES-256-GCM under <see cref="WebhookOptions.SecretKey"/>, stored as
/// <c>v2:</c> + the key's id + <c>:</c> + base64(nonce ‖ tag ‖ ciphertext), the webhook id bound in as associated data
/// so a sealed secret copied onto another webhook does not open. The secret must be recoverable (each delivery is
/// signed with it), so it is encrypted, not hashed.
/// </summary>
/// <remarks>
/// A key's id is the first 16 hex digits of the SHA-256 of its 32 bytes (<c>base64 -d | sha256sum | cut -c1-16</c>):
/// it names the key without revealing it, and needs no configuration. Secrets open under the current key or any of
/// <see cref="WebhookOptions.PreviousSecretKeys"/>. On start, every secret not sealed under the current key (sealed
/// under a previous one, <c>v1:</c> without a key id by earlier versions, or in the clear by still earlier ones) is
/// sealed again under it; a replica that starts at the same time skips what another already replaced.
/// </remarks>
public sealed class WebhookSecrets : IHostedService
{
    const string Version = "v2:";
    const string Unnamed = "v1:";
    const int NonceSize = 12;
    const int TagSize = 16;

    readonly NpgsqlDataSource dataSource;
    readonly TimeProvider time;
    readonly TimeSpan startupPatience;
    readonly ILogger<WebhookSecrets> logger;
    readonly SealingKey current;
    readonly IReadOnlyList<SealingKey> keys;

    public WebhookSecrets(IOptions<WebhookOptions> options, NpgsqlDataSource dataSource, TimeProvider time, IOptions<DatabaseOptions> database,
        ILogger<WebhookSecrets> logger)
    {
        this.dataSource = dataSource;
        this.time = time;
        startupPatience = database.Value.StartupPatience;
        this.logger = logger;
        current = SealingKey.From(options.Value.SecretKey);
        keys = [current, .. options.Value.PreviousSecretKeys.Select(SealingKey.From).Where(k => k.Id != current.Id)];
    }

    /// <summary>The id <paramref name="base64Key"/> has in sealed values.</summary>
    public static string KeyIdOf(string base64Key) => SealingKey.From(base64Key).Id;

    public string Seal(Guid webhookId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(current.Bytes, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), webhookId.ToByteArray());
        return $"{Version}{current.Id}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>
    /// The secret; throws <see cref="CryptographicException"/> when it was sealed under a key this service does not
    /// have, or was altered or copied from another webhook.
    /// </summary>
    public string Open(Guid webhookId, string stored)
    {
        if (stored.StartsWith(Version, StringComparison.Ordinal))
        {
            var separator = stored.IndexOf(':', Version.Length);
            var id = separator < 0 ? "" : stored[Version.Length..separator];
            var key = keys.FirstOrDefault(k => k.Id == id)
                ?? throw new CryptographicException(
                    $"The secret is sealed under key {id}, which is neither Alerts:Webhooks:SecretKey nor one of Alerts:Webhooks:PreviousSecretKeys.");
            return Open(key, webhookId, stored[(separator + 1)..]);
        }
        if (!stored.StartsWith(Unnamed, StringComparison.Ordinal))
            return stored;
        // Sealed before values named their key: the key that opens it is the one whose tag verifies.
        for (var i = 0; ; i++)
        {
            try
            {
                return Open(keys[i], webhookId, stored[Unnamed.Length..]);
            }
            catch (AuthenticationTagMismatchException) when (i < keys.Count - 1)
            {
            }
        }
    }

    static string Open(SealingKey key, Guid webhookId, string base64)
    {
        var sealedBytes = Convert.FromBase64String(base64);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
            webhookId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        StartupRetry.RunAsync("Resealing webhook secrets", startupPatience, time, logger, ResealAsync, cancellationToken);

    async Task ResealAsync(CancellationToken cancellationToken)
    {
        var stale = await WebhookStore.SealedOtherwiseAsync(dataSource, $"{Version}{current.Id}:", cancellationToken);
        var resealed = 0;
        var unopened = new List<Guid>();
        foreach (var (webhookId, stored) in stale)
        {
            string secret;
            try
            {
                secret = Open(webhookId, stored);
            }
            catch (CryptographicException)
            {
                unopened.Add(webhookId);
                continue;
            }
            resealed += await WebhookStore.ResealAsync(dataSource, webhookId, stored, Seal(webhookId, secret), cancellationToken);
        }
        logger.LogInformation("Webhook secrets are sealed under key {KeyId}; {Resealed} sealed again under it now", current.Id, resealed);
        if (unopened.Count > 0)
            logger.LogError(
                "{Count} webhook secrets open under no configured key and stay as they are; their deliveries fail until the key is in Alerts:Webhooks:PreviousSecretKeys: {WebhookIds}",
                unopened.Count, unopened);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    sealed record SealingKey(string Id, byte[] Bytes)
    {
        public static SealingKey From(string base64)
        {
            var bytes = Convert.FromBase64String(base64);
            return new SealingKey(Convert.ToHexStringLower(SHA256.HashData(bytes))[..16], bytes);
        }
    }
}
