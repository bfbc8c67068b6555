using MassTransit;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitoring.ServiceDefaults.Access;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace Monitoring.ServiceDefaults.Requests;

/// <summary>
/// A request that fails because the database or the broker cannot be reached (a restart, a crash, a failover) is
/// answered 503 with <c>Retry-After</c> and problem details, logged as a warning and counted
/// (<c>monitoring_requests_rejected_total{reason="unavailable"}</c>), instead of a 500 and an "unhandled exception":
/// it is the outage of a dependency, which a retry outlives, not a defect of the service.
/// </summary>
public sealed class DependencyUnavailable(IProblemDetailsService problems, ILogger<DependencyUnavailable> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Dependency(exception) is not { } dependency || httpContext.Response.HasStarted)
            return false;
        logger.LogWarning("{Method} {Path}: the {Dependency} is unavailable ({Reason}); answered 503", httpContext.Request.Method,
            httpContext.Request.Path, dependency, exception.GetBaseException().Message);
        RequestRejections.Count(httpContext, "unavailable");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = $"The {dependency} is unavailable",
                Detail = "Retry later with the same request (and the same Idempotency-Key, if it had one).",
            },
        });
    }

    /// <summary>Which dependency <paramref name="exception"/> says is out of reach, or null for any other failure.</summary>
    public static string? Dependency(Exception exception) => exception switch
    {
        // Connection refused or cut, a server shutting down, the pool exhausted: transient by Npgsql's own judgement.
        NpgsqlException { IsTransient: true } => "database",
        NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or TimeoutException } => "database",
        RabbitMqConnectionException or BrokerUnreachableException => "message broker",
        _ when exception.InnerException is { } inner => Dependency(inner),
        _ => null,
    };
}
