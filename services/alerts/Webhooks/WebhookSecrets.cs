using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monitoring.Alerts.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: sealed with AES-256-GCM under <see cref="WebhookOptions.SecretKey"/>, stored as
/// <c>v1:</c> + base64(nonce ‖ tag ‖ ciphertext), the webhook id bound in as associated data so a sealed secret
/// copied onto another webhook does not open. The secret must be recoverable (each delivery is signed with
/// it), so it is encrypted, not hashed. On start, secrets stored in the clear by earlier versions are sealed.
/// </summary>
public sealed class WebhookSecrets(IOptions<WebhookOptions> options, NpgsqlDataSource dataSource, ILogger<WebhookSecrets> logger) : IHostedService
{
    const string Prefix = "v1:";
    const int NonceSize = 12;
    const int TagSize = 16;

    byte[] Key => Convert.FromBase64String(options.Value.SecretKey);

    public string Seal(Guid webhookId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), webhookId.ToByteArray());
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret; throws <see cref="CryptographicException"/> when it was sealed under another key or altered.</summary>
    public string Open(Guid webhookId, string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
            return stored;
        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(Key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
            webhookId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clear = await WebhookStore.UnsealedAsync(dataSource, cancellationToken);
        foreach (var (webhookId, secret) in clear)
            await WebhookStore.SealAsync(dataSource, webhookId, secret, Seal(webhookId, secret), cancellationToken);
        if (clear.Count > 0)
            logger.LogInformation("Sealed {Count} webhook secrets stored in the clear by an earlier version", clear.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
