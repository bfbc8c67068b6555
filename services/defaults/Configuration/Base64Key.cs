namespace Monitoring.ServiceDefaults.Configuration;

/// <summary>Keys given in configuration as base64 (an HMAC key, an AES key): how many bytes one holds.</summary>
public static class Base64Key
{
    /// <summary>The decoded length of <paramref name="text"/>, or -1 when it is not base64.</summary>
    public static int ByteLength(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) ? length : -1;
    }
}
