using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>429 with <c>Retry-After</c> (whole seconds, at least 1) and problem details, counted under <c>reason</c>.</summary>
static class TooManyRequests
{
    public static async ValueTask WriteAsync(HttpContext http, string reason, TimeSpan retryAfter, string title, string detail)
    {
        RequestRejections.Count(http, reason);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = title, Detail = detail },
        });
    }
}
