using System.Text.Json;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Data;

namespace Monitoring.Ingest.Keys;

/// <summary>
/// <c>Monitoring.Ingest keys create --name N --role R [--region 330100]</c> and <c>keys revoke KEY_ID</c>:
/// the first operator key comes from here (or from <c>Access:Keys</c>). It writes to ingest's database;
/// the running ingest relays the announcement to the other services.
/// </summary>
public static class KeyCommand
{
    public static bool Matches(string[] args) => args is ["keys", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var migrator in app.Services.GetServices<IHostedService>().OfType<SchemaMigrator>())
            await migrator.StartingAsync(cancel.Token);
        var issuer = app.Services.GetRequiredService<KeyIssuer>();

        switch (args)
        {
            case ["keys", "create", .. var options]:
                var request = new KeyRequest(Option(options, "--name"), Option(options, "--role"), Option(options, "--region"));
                var errors = new FieldErrors();
                KeyIssuer.Validate(request, new Check(errors, "", DateOnly.FromDateTime(DateTime.UtcNow)));
                if (errors.Any)
                {
                    foreach (var (field, messages) in errors.ToDictionary())
                        await Console.Error.WriteLineAsync($"--{field}: {string.Join("; ", messages)}");
                    return 2;
                }
                var created = await issuer.IssueAsync(request, cancel.Token);
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(created, JsonSerializerOptions.Web));
                return 0;
            case ["keys", "revoke", var id] when Guid.TryParse(id, out var keyId):
                if (await issuer.RevokeAsync(keyId, cancel.Token))
                    return 0;
                await Console.Error.WriteLineAsync($"No key {keyId}");
                return 1;
            default:
                await Console.Error.WriteLineAsync("usage: keys create --name NAME --role platform|center|operator [--region 330100]\n       keys revoke KEY_ID");
                return 2;
        }
    }

    static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }
}
