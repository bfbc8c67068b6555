using System.Diagnostics;
using MassTransit;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>
/// Traces across the places where one message's work is done apart from its consumption: a batch (its messages come
/// from many traces) and a queue in the database (a rescore asked for by a fact, done later by a worker). Each
/// message's trace parent is kept with the work, and the work continues it in a span of its own, so ingest →
/// scoring → alerts → notice is one trace per fact.
/// </summary>
public static class MessageTrace
{
    public const string ActivitySourceName = "Monitoring.Messaging";
    static readonly ActivitySource Activities = new(ActivitySourceName);

    /// <summary>The header in which MassTransit 8 sends the sending activity's id (a W3C <c>traceparent</c>: seen on the wire).</summary>
    const string Header = "MT-Activity-Id";

    /// <summary>The trace parent a consumed message came with, if any.</summary>
    public static string? Of(ConsumeContext context) =>
        context.Headers.Get<string>(Header) is { } id && ActivityContext.TryParse(id, null, out _) ? id : null;

    /// <summary>A span continuing <paramref name="traceParent"/> (null without one, or when nobody listens): dispose it when the work is done.</summary>
    public static Activity? Continue(string name, string? traceParent, DateTimeOffset startTime = default) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Activities.StartActivity(ActivityKind.Internal, parent, name: name, startTime: startTime)
            : null;
}
