using MassTransit;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>
/// Keeps this service's copy of the keys in step with the keys issued at ingest, and drops the key from this instance's
/// cache of unknown keys: a client that tried its new key here before the announcement arrived is not refused for
/// <see cref="AccessOptions.UnknownKeyCacheDuration"/> after it.
/// </summary>
public sealed class ApiKeyIssuedConsumer(ConsumeTransaction transaction, ApiKeyStore store) : IConsumer<ApiKeyIssued>
{
    public Task Consume(ConsumeContext<ApiKeyIssued> context) =>
        store.ApplyIssueAsync(transaction.Current, context.Message, context.CancellationToken);
}
