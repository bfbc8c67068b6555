using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Monitoring.Console.Session;

/// <summary>
/// The signed-in clerk, kept in one cookie encrypted and authenticated with ASP.NET Core Data Protection: HttpOnly (no script
/// reads it), SameSite=Strict (no other site's page sends it), Secure when the console is reached over https, and without an
/// expiry, so it ends with the browser session or at sign-out. The key is never put in a URL, a page or a log.
/// </summary>
public sealed class ConsoleSession(IDataProtectionProvider protection, IHttpContextAccessor accessor)
{
    public const string CookieName = "console-session";

    readonly IDataProtector protector = protection.CreateProtector("Monitoring.Console.Session.v1");
    Clerk? clerk;
    bool read;

    HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request");

    /// <summary>The clerk of this request, or null when nobody is signed in (or the cookie is not one this console wrote).</summary>
    public Clerk? Current
    {
        get
        {
            if (!read)
            {
                read = true;
                clerk = Read();
            }
            return clerk;
        }
    }

    public void SignIn(Clerk signedIn)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Stored(signedIn.Key, signedIn.Name, signedIn.Role, signedIn.Region, signedIn.Viewing));
        Http.Response.Cookies.Append(CookieName, Convert.ToBase64String(protector.Protect(payload)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        clerk = signedIn with { ClientAddress = Address() };
        read = true;
    }

    public void SignOut()
    {
        Http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", Secure = Http.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });
        clerk = null;
        read = true;
    }

    Clerk? Read()
    {
        if (!Http.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
            return null;
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(protector.Unprotect(Convert.FromBase64String(cookie)));
            return stored is null ? null : new Clerk(stored.Key, stored.Name, stored.Role, stored.Region, stored.Viewing) { ClientAddress = Address() };
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            // Written under keys this console no longer has (a restart without a shared key ring), or not ours at all.
            return null;
        }
    }

    string? Address() => Http.Connection.RemoteIpAddress?.ToString();

    sealed record Stored(string Key, string Name, string Role, string? Region, string? Viewing);
}
