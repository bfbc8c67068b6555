using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

/// <summary>Ingest's refusals: <see cref="Problems"/>, with each invalid field counted for the upstream's data quality.</summary>
static class Refusals
{
    public static ValidationProblem Invalid(HttpContext http, FieldErrors errors, string title)
    {
        foreach (var field in errors.Shapes())
            http.RequestServices.GetRequiredService<IngestMetrics>().InvalidFields.WithLabels(RequestRejections.EndpointName(http), field).Inc();
        return Problems.Invalid(http, errors, title);
    }
}
