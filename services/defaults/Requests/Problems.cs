using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.ServiceDefaults.Access;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// Problem details (RFC 7807) for a refused request, as typed results (so endpoints that return them describe
/// them in OpenAPI), each counted in <c>monitoring_requests_rejected_total</c> under its reason. Messages say
/// what is expected, in the caller's terms, and never repeat the value.
/// </summary>
public static class Problems
{
    public static ValidationProblem Invalid(HttpContext http, FieldErrors errors, string title)
    {
        RequestRejections.Count(http, "validation");
        return TypedResults.ValidationProblem(errors.ToDictionary(), title: title);
    }

    public static ValidationProblem Invalid(HttpContext http, string field, string expected, string title = "The request has invalid fields")
    {
        var errors = new FieldErrors();
        errors.Add(field, expected);
        return Invalid(http, errors, title);
    }

    public static ValidationProblem Malformed(HttpContext http, FieldErrors errors)
    {
        RequestRejections.Count(http, "malformed");
        return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request could not be read");
    }

    public static ValidationProblem Malformed(HttpContext http, string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Malformed(http, errors);
    }

    public static NotFoundProblem NotFound(HttpContext http, string title, string detail)
    {
        RequestRejections.Count(http, "not-found");
        return new NotFoundProblem(title, detail);
    }

    public static ConflictProblem Conflict(HttpContext http, string reason, string title, string detail)
    {
        RequestRejections.Count(http, reason);
        return new ConflictProblem(title, detail);
    }

    /// <summary>A refusal whose status has no typed result of its own (413, 414): describe it where it is returned.</summary>
    static ProblemHttpResult Refuse(HttpContext http, int status, string reason, string title, string detail)
    {
        RequestRejections.Count(http, reason);
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    public static ProblemHttpResult TooLarge(HttpContext http, long limit, string advice = "") =>
        Refuse(http, StatusCodes.Status413PayloadTooLarge, "too-large", "The body is too large",
            $"A body may have at most {limit} bytes.{(advice.Length > 0 ? " " + advice : "")}");

    /// <summary>414: a query string longer than <see cref="ParameterGuard.MaxQueryLength"/>, counted as too large like a body.</summary>
    public static ProblemHttpResult QueryTooLong(HttpContext http) =>
        Refuse(http, StatusCodes.Status414UriTooLong, "too-large", "The query string is too long",
            $"A query string may have at most {ParameterGuard.MaxQueryLength} characters.");

    public static UnsupportedMediaType NotJson() => new("The body must be JSON", "Send Content-Type: application/json.");
}
