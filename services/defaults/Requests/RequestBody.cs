using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>A JSON request body read whole, up to a limit, with the SHA-256 of method, path and bytes.</summary>
public sealed class RequestBody : IDisposable
{
    readonly byte[] buffer;

    RequestBody(byte[] buffer, int length, string hash)
    {
        this.buffer = buffer;
        Length = length;
        Hash = hash;
    }

    public int Length { get; }

    public string Hash { get; }

    public ReadOnlyMemory<byte> Bytes => buffer.AsMemory(0, Length);

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<RequestBody?> ReadAsync(HttpContext http, int limit)
    {
        if (http.Request.ContentLength > limit)
            return null;
        // The server's own limit would cut the stream with a bare 413; this endpoint answers with problem details.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = null;

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(http.Request.ContentLength ?? 16 * 1024, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted);
                if (read == 0)
                    break;
                length += read;
            }
            if (length > limit)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return null;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n"));
        hash.AppendData(buffer, 0, length);
        return new RequestBody(buffer, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
}
