using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Monitoring.ServiceDefaults.Access;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// A refused JSON body (<see cref="JsonBody"/>): 400 with the bad fields, 413 too large, 415 not JSON. As a typed
/// result it puts all three in the endpoint's OpenAPI description, so a JSON endpoint lists them by returning it.
/// </summary>
public sealed class JsonRefusal(IResult inner) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => inner.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails), ["application/problem+json"]));
    }
}

/// <summary>
/// Problem details with a status, as a typed result: the concrete results below describe their status in the
/// endpoint's OpenAPI document by being in its return type, and write <c>application/problem+json</c>
/// through the problem details service (with the trace id) like every other problem here.
/// </summary>
public abstract class ProblemResult(int status, string title, string detail) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public virtual Task ExecuteAsync(HttpContext httpContext) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(httpContext);

    protected static void Describe(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>404: no such item.</summary>
public sealed class NotFoundProblem(string title, string detail) : ProblemResult(StatusCodes.Status404NotFound, title, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the item's state does not allow the request (already decided, already exists).</summary>
public sealed class ConflictProblem(string title, string detail) : ProblemResult(StatusCodes.Status409Conflict, title, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status409Conflict);
}

/// <summary>403: the item belongs to a region the caller's center does not cover.</summary>
public sealed class OutsideJurisdiction(string region)
    : ProblemResult(StatusCodes.Status403Forbidden, "Outside your jurisdiction", $"This belongs to region {region}, which your key's center does not cover."),
        IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        RequestRejections.Count(httpContext, "forbidden");
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status403Forbidden);
}

/// <summary>415: the body is not of a media type the endpoint reads.</summary>
public sealed class UnsupportedMediaType(string title, string detail)
    : ProblemResult(StatusCodes.Status415UnsupportedMediaType, title, detail), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        RequestRejections.Count(httpContext, "unsupported-media-type");
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>503 with <c>Retry-After</c>: a server the request needs (the broker) is unavailable; nothing was done.</summary>
public sealed class Unavailable(string title, string detail, int retryAfterSeconds)
    : ProblemResult(StatusCodes.Status503ServiceUnavailable, title, detail), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status503ServiceUnavailable);
}
