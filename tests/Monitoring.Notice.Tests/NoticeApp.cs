using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Monitoring.Testing;

namespace Monitoring.Notice.Tests;

/// <summary>Notice in this test process on the real broker and database of its own environment.</summary>
public sealed class NoticeApp(TestEnvironment environment) : WebApplicationFactory<Program>
{
    public TestEnvironment Environment => environment;

    public static NoticeApp Start(TestEnvironment environment)
    {
        System.Environment.SetEnvironmentVariable("MONITORING_LOCAL_SETTINGS", "/nonexistent");
        var app = new NoticeApp(environment);
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = environment.Settings(0).Where(s => s.Key.Contains("__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        settings["Logging:LogLevel:Default"] = "Warning";
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }

    public HttpClient Client(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestKeys.Bearer(key);
        return client;
    }
}
