using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Monitoring.Demo.Scenario;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Console.Tests;

/// <summary>
/// The four services and the console as processes, after a small generated demo day has settled, and a headless Debian
/// chromium driven by Playwright: what the browser tests of this class share.
/// </summary>
public sealed class DemoDayConsole : IAsyncLifetime
{
    /// <summary>Where Debian's package puts the browser; <c>MONITORING_CHROMIUM</c> names another.</summary>
    static readonly string ChromiumPath = System.Environment.GetEnvironmentVariable("MONITORING_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    readonly List<ServiceProcess> processes = [];
    TestEnvironment? environment;
    IPlaywright? playwright;

    public TestEnvironment Environment => environment!;
    public ServiceProcess Ingest { get; private set; } = null!;
    public ServiceProcess Scoring { get; private set; } = null!;
    public ServiceProcess Alerts { get; private set; } = null!;
    public ServiceProcess Notice { get; private set; } = null!;
    public ServiceProcess Console { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public GeneratedScenario Day { get; private set; } = null!;

    /// <summary>A Hangzhou plan that scored below 60: it has a rectification task and a notice.</summary>
    public PlannedPlan HangzhouFailing => Day.Plans.First(p => p.CityCode == "330100" && p.Fault == Fault.Failing);

    /// <summary>A plan of Ningbo, which the Hangzhou center may not open.</summary>
    public PlannedPlan Ningbo => Day.Plans.First(p => p.CityCode == "330200");

    public IEnumerable<ServiceProcess> Processes => processes;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The browser tests drive Debian's chromium and found none at {ChromiumPath}: "
                + "install it (apt-get install -y chromium; scripts/test.sh does) or name another with MONITORING_CHROMIUM.");

        environment = await TestEnvironment.CreateAsync();
        Scoring = await StartAsync("scoring");
        Notice = await StartAsync("notice");
        Alerts = await StartAsync("alerts");
        Ingest = await StartAsync("ingest", new Dictionary<string, string>
        {
            ["Ingest__RateLimitPerSecond"] = "1000",
            ["Ingest__RateLimitBurst"] = "1000",
        });
        Console = await StartAsync("console", new Dictionary<string, string>
        {
            ["Console__Ingest"] = Ingest.BaseAddress.ToString(),
            ["Console__Scoring"] = Scoring.BaseAddress.ToString(),
            ["Console__Alerts"] = Alerts.BaseAddress.ToString(),
            ["Console__Notice"] = Notice.BaseAddress.ToString(),
        });

        Day = SmallDay();
        await new IngestSender(Ingest.Http).SendAsync(Day, progress: null, CancellationToken.None, Alerts.Http);
        await Eventually.ReturnsAsync(() => Outcome.ReadAsync(Day, Scoring.Http, Alerts.Http, Notice.Http, CancellationToken.None),
            o => o.Matches(Day), "every planted outcome of the demo day", within: TimeSpan.FromMinutes(3));

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's sandbox refuses to run as root (CI and these machines run the tests as root).
            Args = System.Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>
    /// The first seed whose day of 24 plans has a failing plan in Hangzhou and a plan in Ningbo: deterministic, and small enough
    /// to settle in well under a minute.
    /// </summary>
    static GeneratedScenario SmallDay()
    {
        var tag = "C" + Guid.NewGuid().ToString("N")[..6];
        for (var seed = 1; ; seed++)
        {
            var day = new ScenarioGenerator(seed, tag, DateTimeOffset.UtcNow).Generate(plans: 24, candidatesPerPlan: 10);
            if (day.Plans.Any(p => p.CityCode == "330100" && p.Fault == Fault.Failing) && day.Plans.Any(p => p.CityCode == "330200"))
                return day;
        }
    }

    async Task<ServiceProcess> StartAsync(string service, IReadOnlyDictionary<string, string>? settings = null)
    {
        var process = await ServiceProcess.StartAsync(service, Environment, settings);
        processes.Add(process);
        return process;
    }

    /// <summary>A browser tab of its own (no session) at a window width, with the console as its base address.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Console.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form, as a clerk does: the key typed into its field, then Enter.</summary>
    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("signin");
        await page.GetByLabel("API 密钥").FillAsync(key);
        await page.GetByLabel("API 密钥").PressAsync("Enter");
        await page.WaitForURLAsync("**/warnings");
    }

    /// <summary>The warnings of a region as alerts answers them to that key.</summary>
    public async Task<List<JsonElement>> WarningsAsync(string key, string region)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/warnings?region={region}");
        request.Headers.Authorization = TestKeys.Bearer(key);
        using var response = await Alerts.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        // The console first (it calls the others), then ingest, then the consumers; each throws if it logged an unhandled exception.
        foreach (var process in Enumerable.Reverse(processes))
            await process.DisposeAsync();
        if (environment is not null)
            await environment.DisposeAsync();
    }
}
