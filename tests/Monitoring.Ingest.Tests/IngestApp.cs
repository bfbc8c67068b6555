using Monitoring.Testing;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>Ingest in this test process, in a virtual host and database of its own, as a class fixture.</summary>
public class IngestApp : InProcessService<Program>, IAsyncLifetime
{
    TestEnvironment? environment;

    public override TestEnvironment Environment => environment ?? throw new InvalidOperationException("The app is not initialized yet");

    /// <summary>Settings a derived fixture changes (a low rate limit, a short publish timeout).</summary>
    protected virtual IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Ingest:RateLimitPerSecond"] = "100000",
        ["Ingest:RateLimitBurst"] = "100000",
    };

    public async Task InitializeAsync()
    {
        environment = await TestEnvironment.CreateAsync();
        Start();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (environment is not null)
            await environment.DisposeAsync();
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in Overrides)
            settings[key] = value;
    }

    /// <summary>A client that sends the platform key.</summary>
    public HttpClient Client() => Client(Environment.Keys.Platform);
}
