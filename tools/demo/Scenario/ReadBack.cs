using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Monitoring.Demo.Scenario;

/// <summary>
/// How the demo reads what the services made of the day, as any client of these APIs should: a GET that finds the
/// service briefly unreachable (restarting, a 5xx, 429) is asked again with growing pauses for about a minute, and
/// then fails with <see cref="HttpRequestException"/> naming the service.
/// </summary>
public static class ReadBack
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>A client of one service for reads; writes through it are not retried.</summary>
    public static HttpClient Client(Uri baseAddress) =>
        new(new ResilienceHandler(Pipeline) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = baseAddress,
            // The whole call, its retries included.
            Timeout = Patience + TimeSpan.FromSeconds(30),
        };

    static readonly ResiliencePipeline<HttpResponseMessage> Pipeline = BuildPipeline();

    static ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 10,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(10),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        };
        retry.DisableForUnsafeHttpMethods();
        return new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(retry).Build();
    }
}
