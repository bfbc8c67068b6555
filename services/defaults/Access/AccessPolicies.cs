using System.Security.Claims;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>The authorization policies of API.md's "who may call what"; <c>operator</c> passes every one.</summary>
public static class AccessPolicies
{
    /// <summary>Ingest writes and rectification submissions.</summary>
    public const string Platform = "platform";

    /// <summary>Warnings and reviews of the center's region; check <see cref="MayAct"/> against the item's region too.</summary>
    public const string Center = "center";

    /// <summary>Key and policy management.</summary>
    public const string Operator = "operator";

    /// <summary>Any valid key: reads whose answer depends on the caller's region.</summary>
    public const string AnyKey = "any-key";

    /// <summary>The region a center key is bound to; null for the other roles, which see every region.</summary>
    public static string? CenterRegion(ClaimsPrincipal user) =>
        user.IsInRole(EnumText.Of(AccessRole.Center)) ? user.FindFirstValue(ApiKeyAuthenticationHandler.RegionClaim) : null;

    /// <summary>Who acts, as histories and audits record it: the name of the caller's key.</summary>
    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "unknown";

    /// <summary>Whether the caller may see or act on something in <paramref name="regionCode"/>: a center only in its jurisdiction.</summary>
    public static bool MayAct(ClaimsPrincipal user, string regionCode)
    {
        if (!user.IsInRole(EnumText.Of(AccessRole.Center)))
            return true;
        var region = CenterRegion(user);
        return region is not null && Jurisdiction.Covers(region, regionCode);
    }
}
