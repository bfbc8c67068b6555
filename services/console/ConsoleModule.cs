using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Monitoring.Console.Api;
using Monitoring.Console.Session;
using Monitoring.ServiceDefaults.Configuration;

namespace Monitoring.Console;

/// <summary>
/// The centers' console (中心工作台): server-rendered Razor Pages that call the four services' public APIs with the signed-in
/// clerk's key. It owns no table and no queue; what a clerk sees is exactly what the key may read through the APIs.
/// </summary>
public static class ConsoleModule
{
    public const string Service = "console";

    public static IHostApplicationBuilder AddCentersConsole(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();

        var protection = builder.Services.AddDataProtection().SetApplicationName("monitoring-console");
        if (!string.IsNullOrWhiteSpace(options.KeyRingPath))
            protection.PersistKeysToFileSystem(new DirectoryInfo(options.KeyRingPath));
        else
            builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ConsoleSession>();
        builder.Services.AddSingleton<SignInLimiter>();
        AddApi<IngestApi>(builder, o => o.Ingest);
        AddApi<ScoringApi>(builder, o => o.Scoring);
        AddApi<AlertsApi>(builder, o => o.Alerts);
        AddApi<NoticeApi>(builder, o => o.Notice);

        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "console-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__token";
        });
        builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new SignedInFilter()))
            .AddCookieTempDataProvider(o =>
            {
                o.Cookie.Name = "console-message";
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        // Chinese as characters, not numeric character references: smaller pages that read as text in any tool.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>A typed client per service; no retries: a clerk's click is answered at once, and a failure is said in words.</summary>
    static void AddApi<TClient>(IHostApplicationBuilder builder, Func<ConsoleOptions, Uri?> address) where TClient : class =>
        builder.Services.AddHttpClient<TClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<ConsoleOptions>>().Value;
            http.BaseAddress = address(options);
            http.Timeout = options.CallTimeout;
        });

    public static WebApplication MapCentersConsole(this WebApplication app)
    {
        if (app.Services.GetService<IDataProtectionProvider>() is EphemeralDataProtectionProvider)
            app.Logger.LogInformation("Session keys live in memory (Console:KeyRingPath is unset): a restart signs every clerk out");
        app.Use(SecurityHeaders.AddAsync);
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }
}
