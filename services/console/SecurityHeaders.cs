namespace Monitoring.Console;

/// <summary>
/// Headers on every answer: the pages hold a region's warnings and orgs, so no cache keeps them; no other site may frame,
/// script or submit to them (the console has no script at all); no referrer leaves the console.
/// </summary>
public static class SecurityHeaders
{
    public static Task AddAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        // A notice's PDF opens in the browser's own viewer, which a page's policy would block.
        if (!context.Request.Path.Value!.EndsWith(".pdf", StringComparison.Ordinal))
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/console.css"))
            headers.CacheControl = "no-store";
        return next(context);
    }
}
