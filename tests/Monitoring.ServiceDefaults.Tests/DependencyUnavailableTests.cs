using System.Net.Sockets;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Telemetry;
using Npgsql;
using Xunit;

namespace Monitoring.ServiceDefaults.Tests;

/// <summary>A database or broker out of reach is a 503 the client retries, not a 500 logged as a defect.</summary>
public sealed class DependencyUnavailableTests
{
    public static TheoryData<string, Exception, string?> Failures() => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), "database" },
        { "connection cut mid-read", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), "database" },
        { "wrapped in another exception", new InvalidOperationException("outer", new NpgsqlException("refused", new SocketException(111))), "database" },
        { "broker unreachable", new RabbitMqConnectionException("Broker unreachable: guest@127.0.0.1:5672/"), "message broker" },
        { "a constraint violated: a defect", new PostgresException("duplicate key value", "ERROR", "ERROR", "23505"), null },
        { "a bug", new InvalidOperationException("a bug"), null },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void An_exception_names_the_dependency_out_of_reach_or_none(string what, Exception exception, string? dependency) =>
        Assert.True(DependencyUnavailable.Dependency(exception) == dependency, $"{what}: {DependencyUnavailable.Dependency(exception)}");

    [Fact]
    public async Task A_database_out_of_reach_is_answered_503_with_Retry_After_and_problem_details_and_counted()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().AddSingleton<HostMetrics>().AddSingleton<RequestRejections>().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var handler = new DependencyUnavailable(services.GetRequiredService<IProblemDetailsService>(), NullLogger<DependencyUnavailable>.Instance);

        var handled = await handler.TryHandleAsync(http, new NpgsqlException("Failed to connect", new SocketException(111)), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("The database is unavailable", problem.RootElement.GetProperty("title").GetString());
        var metrics = MetricsText(services.GetRequiredService<HostMetrics>());
        Assert.Contains("monitoring_requests_rejected_total{endpoint=\"unmatched\",reason=\"unavailable\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_exception_is_left_to_the_500_it_is()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new DependencyUnavailable(services.GetRequiredService<IProblemDetailsService>(), NullLogger<DependencyUnavailable>.Instance);

        Assert.False(await handler.TryHandleAsync(new DefaultHttpContext { RequestServices = services }, new InvalidOperationException("a bug"), CancellationToken.None));
    }

    static string MetricsText(HostMetrics metrics)
    {
        using var stream = new MemoryStream();
        metrics.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
