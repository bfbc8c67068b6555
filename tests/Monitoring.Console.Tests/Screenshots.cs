using Microsoft.Playwright;

namespace Monitoring.Console.Tests;

/// <summary>
/// Screenshots of each view, in the test's output (<c>screenshots/</c>). With <c>MONITORING_CONSOLE_SCREENSHOTS</c> set to a
/// folder (the README's are made with <c>docs/console</c>), the main ones are written there too.
/// </summary>
static class Screenshots
{
    static readonly string Output = Path.Combine(AppContext.BaseDirectory, "screenshots");
    static readonly string? Published = Environment.GetEnvironmentVariable("MONITORING_CONSOLE_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;

    public static async Task TakeAsync(IPage page, string name, bool main = false)
    {
        Directory.CreateDirectory(Output);
        var path = Path.Combine(Output, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (main && Published is not null)
        {
            Directory.CreateDirectory(Published);
            File.Copy(path, Path.Combine(Published, name + ".png"), overwrite: true);
        }
    }
}
