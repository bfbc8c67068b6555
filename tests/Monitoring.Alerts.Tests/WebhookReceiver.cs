using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitoring.Alerts.Tests;

/// <summary>A center's real HTTP endpoint on a loopback port: it records what it receives and fails the first calls as told.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    readonly HttpListener listener = new();
    readonly Task loop;
    int failuresLeft;

    readonly string? redirectTo;

    /// <param name="failFirst">How many calls answer 500 before the receiver answers 204.</param>
    /// <param name="redirectTo">When given, every call answers 302 to this URL instead.</param>
    public WebhookReceiver(int failFirst = 0, string? redirectTo = null)
    {
        failuresLeft = failFirst;
        this.redirectTo = redirectTo;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hooks/warnings";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Port => new Uri(Url).Port;

    public ConcurrentQueue<Received> Requests { get; } = new();

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var fail = Interlocked.Decrement(ref failuresLeft) >= 0;
            var status = redirectTo is not null ? 302 : fail ? 500 : 204;
            Requests.Enqueue(new Received(headers, body, status));
            context.Response.StatusCode = status;
            if (redirectTo is not null)
                context.Response.RedirectLocation = redirectTo;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredWith);
}
