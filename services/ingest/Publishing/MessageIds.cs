using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Ingest.Publishing;

/// <summary>
/// A message's id is a name-based UUID of its type and content (RFC 9562 version 8 over SHA-256, the
/// RFC's own example of a name-based UUID beyond SHA-1's version 5): the same fact sent
/// twice, by a retry, a repeated import or a second ingest replica, carries the same id, and every
/// downstream inbox drops the copy. A corrected fact differs in content and so gets a new id.
/// </summary>
public static class MessageIds
{
    // A fixed namespace of this platform's ingest messages (a random v4 UUID chosen once).
    static readonly byte[] Namespace = Guid.Parse("5d0a6f1e-2f4b-4c55-9d8e-7b3f3b8f0a21").ToByteArray(bigEndian: true);

    public static Guid For(Contract message)
    {
        var type = message.GetType();
        var name = Encoding.UTF8.GetBytes(type.FullName + "\n" + JsonSerializer.Serialize(message, type, ContractSerialization.Options));
        var input = new byte[Namespace.Length + name.Length];
        Namespace.CopyTo(input, 0);
        name.CopyTo(input, Namespace.Length);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
