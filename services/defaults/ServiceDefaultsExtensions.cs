using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Monitoring.ServiceDefaults.Configuration;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Audit;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.OpenApi;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Telemetry;
using Monitoring.ServiceDefaults.Testing;
using Prometheus;

namespace Monitoring.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every host needs: configuration (appsettings, then the local infrastructure file, then
    /// environment variables, which override everything), structured logs, tracing, problem details,
    /// health checks and a graceful shutdown that lets in-flight messages finish.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        AddLocalInfrastructureSettings(builder.Configuration);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(
            builder.Configuration.GetValue("ShutdownTimeoutSeconds", 30)));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DependencyUnavailable>();
        builder.Services.AddOptions<RequestOptions>().BindConfiguration(RequestOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateAnnotations().ValidateOnStart();
        // Callers learn nothing of the server software from a header.
        builder.Services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        builder.Services.ConfigureHttpJsonOptions(o => ContractSerialization.Configure(o.SerializerOptions));
        builder.Services.AddHealthChecks();
        if (ShiftedClock.Enabled(builder))
        {
            builder.Services.AddSingleton<ShiftedClock>();
            builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ShiftedClock>());
        }
        else
            builder.Services.AddSingleton(TimeProvider.System);
        builder.AddTracing(builder.Environment.ApplicationName);
        builder.AddDefaultOpenApi();
        builder.Services.AddSingleton<HostMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HostMetrics>());
        builder.Services.AddScrapeGauges<ReadinessGauge>();
        builder.Services.AddHostedService<ScrapeGaugesRefresher>();
        builder.Services.AddSingleton<RequestRejections>();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (the process answers), <c>/health/ready</c> (broker and database reachable) and
    /// <c>/metrics</c> (prometheus-net, with .NET runtime and MassTransit meters), in every environment:
    /// Kubernetes probes and Prometheus need them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // A request the server itself refuses while a handler reads it (a body over Kestrel's limit, a
        // connection cut mid-body) keeps its 4xx instead of turning into a 500; one the database or the broker could
        // not be reached for is a 503 (DependencyUnavailable).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value.Port is { } metricsPort)
            app.Use((context, next) => ServesOnPort(context, metricsPort) ? next(context) : NotFound(context));
        var metrics = app.Services.GetRequiredService<HostMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        // The API-key pipeline of AddAccess; a host without it (the console, whose Razor Pages register authentication's
        // core services without any scheme) has no keys of its own to check and no audit trail.
        if (app.Services.GetService<AuditTrail>() is { } audit)
        {
            app.UseAuthentication();
            // Around authorization and everything after it: a call refused for its role or its rate is recorded too.
            app.Use(audit.InvokeAsync);
            app.UseRateLimiter();
            app.UseAuthorization();
            app.MapAuditEndpoints();
        }
        app.Use(GuardParametersAsync);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteHealthReport,
        }).AllowAnonymous();
        app.MapMetrics("/metrics", metrics.Registry).AllowAnonymous();
        app.MapDefaultOpenApi();
        if (app.Services.GetService<ShiftedClock>() is not null)
            ShiftedClock.Map(app);
        return app;
    }

    /// <summary>With a metrics port, /metrics answers on it alone and nothing else does (by the port the connection came in on, not the Host header).</summary>
    static bool ServesOnPort(HttpContext context, int metricsPort) =>
        context.Request.Path.StartsWithSegments("/metrics") == (context.Connection.LocalPort == metricsPort);

    static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    static async Task GuardParametersAsync(HttpContext context, RequestDelegate next)
    {
        if (ParameterGuard.QueryTooLong(context))
        {
            await Problems.QueryTooLong(context).ExecuteAsync(context);
            return;
        }
        var errors = ParameterGuard.Check(context);
        if (errors.Any)
        {
            await Problems.Invalid(context, errors, "The request has invalid parameters").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    static void AddLocalInfrastructureSettings(IConfigurationManager configuration)
    {
        var settings = LocalInfrastructure.FindSettingsFile();
        if (settings is null)
            return;

        // Insert before the unprefixed environment variables so that they still override the file.
        var sources = configuration.Sources;
        var index = sources.Count;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                index = i;
                break;
            }
        }
        var json = new ConfigurationBuilder().AddJsonFile(settings, optional: true, reloadOnChange: false).Sources[0];
        sources.Insert(index, json);
    }

    static Task WriteHealthReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                error = e.Value.Exception?.Message,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
