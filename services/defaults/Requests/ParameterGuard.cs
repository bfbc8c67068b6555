using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// Checks every query parameter and route value of every endpoint before a handler sees it: no value may hold
/// a control character (PostgreSQL refuses NUL in text, CR LF splits logs), and the parameters that name a
/// code must be that code, whichever endpoint takes them, so <c>?region=%</c> never reaches a <c>LIKE</c>.
/// A refusal is 400 with problem details naming the parameter. Endpoints keep their own checks of values
/// that only they know (a status, a period).
/// </summary>
public static partial class ParameterGuard
{
    /// <summary>
    /// Characters of a query string, its <c>?</c> included. The longest the API takes is under 200; Kestrel refuses a
    /// request line over 8 KB itself, with a bare 414, so what lies between is answered here, in the API's terms.
    /// </summary>
    public const int MaxQueryLength = 2048;

    public const string IdExpected = "an id: a UUID such as 0190a5c2-2f4b-7cc1-9d3e-5b8f6a1c2d3e";

    static readonly Dictionary<string, (Func<string, bool> IsValid, string Expected)> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["region"] = (Formats.IsRegionOrProvince, Formats.RegionExpected),
        ["regionCode"] = (Formats.IsRegionOrProvince, Formats.RegionExpected),
        ["org"] = (Formats.IsOrgCode, Formats.OrgCodeExpected),
        ["orgCode"] = (Formats.IsOrgCode, Formats.OrgCodeExpected),
        ["planId"] = (Formats.IsPlanId, Formats.PlanIdExpected),
        ["applicationId"] = (Formats.IsPlanId, Formats.PlanIdExpected),
        ["siteCode"] = (Formats.IsOrgCode, "a site code: 1–32 printable characters"),
        ["version"] = (IsPolicyVersion, PolicyVersionExpected),
        // Ids the services make: a route takes any segment for them (no :guid constraint, which would answer a bare 404), so
        // a segment that is not one is named here.
        ["keyId"] = (IsId, IdExpected),
        ["taskId"] = (IsId, IdExpected),
        ["warningId"] = (IsId, IdExpected),
        ["webhookId"] = (IsId, IdExpected),
        ["noticeId"] = (IsId, IdExpected),
    };

    public const string PolicyVersionExpected = "1–64 characters of A-Z a-z 0-9 . _ -, not . or ..";

    /// <summary>
    /// A policy version: never "." or "..", as a path segment is removed (with the one before it) by clients and servers,
    /// so /api/v1/policies/../activate would never reach the version "..".
    /// </summary>
    public static bool IsPolicyVersion(string value) => PolicyVersion().IsMatch(value) && value is not ("." or "..");

    static bool IsId(string value) => Guid.TryParse(value, out _);

    /// <summary>Whether the query string is longer than <see cref="MaxQueryLength"/> (then nothing else of it is looked at).</summary>
    public static bool QueryTooLong(HttpContext http) => http.Request.QueryString.Value?.Length > MaxQueryLength;

    /// <summary>The problems of this request's parameters; empty when every one is acceptable.</summary>
    public static FieldErrors Check(HttpContext http)
    {
        var errors = new FieldErrors();
        foreach (var (name, values) in http.Request.Query)
        {
            if (Formats.HasControlCharacter(name))
            {
                errors.Add("query", "parameter names without control characters");
                continue;
            }
            // A handler would read "a,b" (the values joined): like a JSON property, a parameter is given once.
            if (values.Count > 1)
            {
                errors.Add(name, "given once (this parameter appears more than once)");
                continue;
            }
            foreach (var value in values)
                CheckValue(name, value ?? "", errors);
        }
        foreach (var (name, value) in http.GetRouteData().Values)
        {
            if (value is string text)
                CheckValue(name, text, errors);
        }
        return errors;
    }

    static void CheckValue(string name, string value, FieldErrors errors)
    {
        if (Formats.HasControlCharacter(value))
            errors.Add(name, "printable characters, without control characters");
        else if (Codes.TryGetValue(name, out var code) && !code.IsValid(value))
            errors.Add(name, code.Expected);
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex PolicyVersion();
}
