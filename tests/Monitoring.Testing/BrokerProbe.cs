using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitoring.Testing;

/// <summary>A message taken from a probe queue: its MassTransit id, its body and the envelope as it travelled.</summary>
public sealed record CapturedMessage(string MessageId, JsonElement Message, string Envelope);

/// <summary>What tests look at from outside a service: the broker's queues and the service's metrics.</summary>
public static class BrokerProbe
{
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

    /// <summary>
    /// The queue a command is sent to (a command has one receiver, so there is no message exchange to copy it
    /// from), with its endpoint exchange bound to it as the receiving service's endpoint would have them: a test
    /// without that service finds the commands waiting in the queue.
    /// </summary>
    public static async Task<string> CommandQueueAsync(this TestEnvironment environment, string queue)
    {
        var vhost = Uri.EscapeDataString(environment.VirtualHost);
        using var http = environment.Infrastructure.ManagementClient();
        (await http.PutAsJsonAsync($"api/exchanges/{vhost}/{queue}", new { type = "fanout", durable = true })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/queues/{vhost}/{queue}", new { durable = true })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"api/bindings/{vhost}/e/{queue}/q/{queue}", new { routing_key = "" })).EnsureSuccessStatusCode();
        return queue;
    }

    /// <summary>Takes every message waiting in a queue (at most <paramref name="count"/>).</summary>
    public static async Task<List<CapturedMessage>> DrainAsync(this TestEnvironment environment, string queue, int count = 1000)
    {
        using var http = environment.Infrastructure.ManagementClient();
        var response = await http.PostAsJsonAsync($"api/queues/{Uri.EscapeDataString(environment.VirtualHost)}/{queue}/get",
            new { count, ackmode = "ack_requeue_false", encoding = "auto", truncate = 50_000_000 });
        response.EnsureSuccessStatusCode();
        using var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return messages.RootElement.EnumerateArray().Select(m =>
        {
            var envelope = m.GetProperty("payload").GetString()!;
            var root = JsonDocument.Parse(envelope).RootElement;
            return new CapturedMessage(root.GetProperty("messageId").GetString()!, root.GetProperty("message"), envelope);
        }).ToList();
    }

    /// <summary>Waits until <paramref name="expected"/> messages arrived in the queue and returns them, plus any extra that came with them.</summary>
    public static async Task<List<CapturedMessage>> DrainAtLeastAsync(this TestEnvironment environment, string queue, int expected)
    {
        var taken = new List<CapturedMessage>();
        await Eventually.ReturnsAsync(async () =>
        {
            taken.AddRange(await environment.DrainAsync(queue));
            return taken.Count;
        }, n => n >= expected, $"{expected} messages in {queue}");
        return taken;
    }

    /// <summary>The value of one Prometheus sample on a service's <c>/metrics</c> (<paramref name="labels"/> empty for a series without), 0 when it has none yet.</summary>
    public static async Task<double> MetricAsync(this HttpClient http, string name, string labels)
    {
        var text = await http.GetStringAsync("metrics");
        var series = labels.Length == 0 ? Regex.Escape(name) + "(?:{})?" : Regex.Escape(name + "{" + labels + "}");
        var match = Regex.Match(text, "^" + series + @" (\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
