namespace Monitoring.Testing;

/// <summary>
/// A service in this test process as the class fixture of a hostile corpus: one host, in a database and virtual host of
/// its own, takes the whole corpus, and its log is checked for any 5xx or unhandled exception when the class is done.
/// A test project's fixture derives from it and names xunit's <c>IAsyncLifetime</c>, which these two methods implement
/// (this library does not reference xunit).
/// </summary>
public abstract class CorpusFixture<TApp, TEntryPoint>
    where TApp : InProcessService<TEntryPoint>
    where TEntryPoint : class
{
    TestEnvironment environment = null!;

    public TApp App { get; private set; } = null!;

    /// <summary>Starts the service in <paramref name="environment"/>.</summary>
    protected abstract TApp Start(TestEnvironment environment);

    /// <summary>What the corpus needs to meet besides the service (a policy draft, say).</summary>
    protected virtual Task PrepareAsync(TestEnvironment environment) => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        environment = await TestEnvironment.CreateAsync();
        App = Start(environment);
        await PrepareAsync(environment);
    }

    public async Task DisposeAsync()
    {
        try
        {
            HostileCorpus.AssertNoServerErrors(App.Log);
        }
        finally
        {
            await App.DisposeAsync();
            await environment.DisposeAsync();
        }
    }
}
