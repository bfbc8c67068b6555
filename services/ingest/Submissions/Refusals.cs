using Monitoring.Ingest.Validation;
using Monitoring.ServiceDefaults.Access;

namespace Monitoring.Ingest.Submissions;

/// <summary>Problem details for a refused request, each counted under its reason.</summary>
static class Refusals
{
    public static IResult Invalid(HttpContext http, FieldErrors errors, string title)
    {
        RequestRejections.Count(http, "validation");
        foreach (var field in errors.Shapes())
            IngestMetrics.InvalidFields.WithLabels(RequestRejections.EndpointName(http), field).Inc();
        return Results.ValidationProblem(errors.ToDictionary(), title: title);
    }

    public static IResult Malformed(HttpContext http, string field, string message)
    {
        RequestRejections.Count(http, "malformed");
        return Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request could not be read");
    }

    public static IResult Problem(HttpContext http, int status, string reason, string title, string detail)
    {
        RequestRejections.Count(http, reason);
        return Results.Problem(statusCode: status, title: title, detail: detail);
    }
}
