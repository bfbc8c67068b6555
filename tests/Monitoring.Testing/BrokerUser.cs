using System.Net.Http.Json;
using System.Security.Cryptography;

namespace Monitoring.Testing;

/// <summary>
/// A broker user of one test's own, on the test's virtual host, whose permissions the test changes while a
/// service runs under it: a fault injected from outside the service (the broker refuses its publishes).
/// </summary>
public sealed class BrokerUser
{
    readonly TestEnvironment environment;

    BrokerUser(TestEnvironment environment, string name, string password)
    {
        this.environment = environment;
        Name = name;
        Password = password;
    }

    public string Name { get; }
    public string Password { get; }

    /// <summary>Settings that make a service connect as this user.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RabbitMq__Username"] = Name,
        ["RabbitMq__Password"] = Password,
    };

    /// <summary>A user who may configure and read everything on the test's virtual host and write what <paramref name="write"/> matches.</summary>
    public static async Task<BrokerUser> CreateAsync(TestEnvironment environment, string write)
    {
        var user = new BrokerUser(environment, "t-" + Guid.NewGuid().ToString("N")[..12], Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        using var http = environment.Infrastructure.ManagementClient();
        (await http.PutAsJsonAsync($"api/users/{user.Name}", new { password = user.Password, tags = "" })).EnsureSuccessStatusCode();
        await user.SetWriteAsync(write);
        environment.OnDispose(async () =>
        {
            using var management = environment.Infrastructure.ManagementClient();
            using var _ = await management.DeleteAsync($"api/users/{user.Name}");
        });
        return user;
    }

    public Task AllowEverythingAsync() => SetWriteAsync(".*");

    async Task SetWriteAsync(string write)
    {
        using var http = environment.Infrastructure.ManagementClient();
        (await http.PutAsJsonAsync($"api/permissions/{Uri.EscapeDataString(environment.VirtualHost)}/{Name}",
            new { configure = ".*", write, read = ".*" })).EnsureSuccessStatusCode();
    }
}

public static class BrokerUserExtensions
{
    public static Task<BrokerUser> CreateBrokerUserAsync(this TestEnvironment environment, string write) => BrokerUser.CreateAsync(environment, write);
}
