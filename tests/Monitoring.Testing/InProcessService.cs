using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Monitoring.Testing;

/// <summary>
/// A service in this test process (WebApplicationFactory) against the real broker and database of a test
/// environment. Its settings override everything the service would otherwise read, the checkout's
/// <c>.local/infra/settings.json</c> included; its warnings and errors are kept in <see cref="Logs"/>, not printed.
/// </summary>
public abstract class InProcessService<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    /// <summary>The environment the service runs in; set before the host starts.</summary>
    public abstract TestEnvironment Environment { get; }

    /// <summary>Starts the host now, so migrations and the bus are ready before the first request.</summary>
    protected void Start()
    {
        System.Environment.SetEnvironmentVariable("MONITORING_LOCAL_SETTINGS", "/nonexistent");
        _ = Server;
    }

    /// <summary>Settings a test changes on top of the environment's (a low rate limit, a short debounce).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Services a test replaces (a fake clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A test's host logs into the test, not onto the runner's console (Log): warnings and errors are kept for
        // failure messages, and an unhandled exception fails the test on dispose.
        var settings = Environment.Settings(0).Where(s => s.Key.Contains("__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        settings["Logging:LogLevel:Default"] = "Warning";
        // Each request's status, as the host logs it when the request finished: a 5xx answered is in the log too.
        settings[$"Logging:LogLevel:{ServiceLog.RequestsCategory}"] = "Information";
        Configure(settings);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ILoggerProvider>();
            services.AddSingleton<ILoggerProvider>(Log);
            ConfigureServices(services);
        });
    }

    /// <summary>What the host logged: warnings and errors, unhandled exceptions, and every request with its status.</summary>
    public ServiceLog Log { get; } = new(typeof(TEntryPoint).Assembly.GetName().Name!);

    /// <summary>What the host logged at warning level and above, for a failing test's message.</summary>
    public string Logs => string.Join('\n', Log.Warnings);

    /// <summary>Stops the host; a request that ended in an unhandled exception (a 500) fails the test that made it.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (Log.UnhandledExceptions.Count > 0)
            throw new InvalidOperationException("The service logged an unhandled exception:\n" + string.Join("\n", Log.UnhandledExceptions));
    }

    /// <summary>A client that sends <paramref name="key"/>.</summary>
    public HttpClient Client(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestKeys.Bearer(key);
        return client;
    }

    /// <summary>
    /// A client whose requests come from <paramref name="address"/> (the in-memory server gives none otherwise), with
    /// <paramref name="key"/> when given: per-address limits see it as a caller of its own.
    /// </summary>
    public HttpClient ClientFrom(System.Net.IPAddress address, string? key = null)
    {
        var client = new HttpClient(Server.CreateHandler(context => context.Connection.RemoteIpAddress = address)) { BaseAddress = Server.BaseAddress };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = TestKeys.Bearer(key);
        return client;
    }
}
