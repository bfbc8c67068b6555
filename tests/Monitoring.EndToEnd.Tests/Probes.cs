using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Monitoring.Testing;

namespace Monitoring.EndToEnd.Tests;

/// <summary>What the tests look at from outside the services: their tables, their metrics and the broker.</summary>
static class Probes
{
    public static async Task<long> CountAsync(this TestEnvironment environment, string sql, object? parameters = null)
    {
        await using var connection = environment.OpenConnection();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    /// <summary>The value of one Prometheus sample on a service's <c>/metrics</c>, 0 when it has none yet.</summary>
    public static async Task<double> MetricAsync(this ServiceProcess service, string name, string labels)
    {
        var text = await service.Http.GetStringAsync("metrics");
        var match = Regex.Match(text, "^" + Regex.Escape(name + "{" + labels + "}") + @" (\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// A queue of the test's own bound to a message type's exchange: it receives a copy of every message of
    /// that type published in the virtual host, so the test counts messages, not their effects.
    /// </summary>
    public static async Task<string> BindProbeQueueAsync(this TestEnvironment environment, string messageType)
    {
        var queue = "probe-" + Guid.NewGuid().ToString("N")[..8];
        var vhost = Uri.EscapeDataString(environment.VirtualHost);
        var exchange = Uri.EscapeDataString("Monitoring.Contracts:" + messageType);
        using var http = environment.Infrastructure.ManagementClient();
        (await http.PutAsJsonAsync($"api/exchanges/{vhost}/{exchange}", new { type = "fanout", durable = true })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/queues/{vhost}/{queue}", new { durable = true })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"api/bindings/{vhost}/e/{exchange}/q/{queue}", new { routing_key = "" })).EnsureSuccessStatusCode();
        return queue;
    }

    /// <summary>Takes every message waiting in a queue and returns their MassTransit message ids.</summary>
    public static async Task<List<string>> DrainAsync(this TestEnvironment environment, string queue)
    {
        using var http = environment.Infrastructure.ManagementClient();
        var response = await http.PostAsJsonAsync($"api/queues/{Uri.EscapeDataString(environment.VirtualHost)}/{queue}/get",
            new { count = 1000, ackmode = "ack_requeue_false", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        using var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return messages.RootElement.EnumerateArray()
            .Select(m => JsonDocument.Parse(m.GetProperty("payload").GetString()!).RootElement.GetProperty("messageId").GetString()!)
            .ToList();
    }
}
