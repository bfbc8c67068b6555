using MassTransit;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>Keeps this service's copy of the keys in step with the keys issued at ingest.</summary>
public sealed class ApiKeyIssuedConsumer(ReliableMessaging messaging) : IConsumer<ApiKeyIssued>
{
    public Task Consume(ConsumeContext<ApiKeyIssued> context) =>
        messaging.ConsumeOnceAsync(context, nameof(ApiKeyIssuedConsumer),
            tx => ApiKeyStore.SaveAsync(tx.Connection, tx.Transaction, context.Message, context.CancellationToken));
}

/// <summary>Revokes this service's copy of a key and forgets it at once on this instance.</summary>
public sealed class ApiKeyRevokedConsumer(ReliableMessaging messaging, ApiKeyStore store) : IConsumer<ApiKeyRevoked>
{
    public Task Consume(ConsumeContext<ApiKeyRevoked> context) =>
        messaging.ConsumeOnceAsync(context, nameof(ApiKeyRevokedConsumer), async tx =>
        {
            await ApiKeyStore.RevokeAsync(tx.Connection, tx.Transaction, context.Message, context.CancellationToken);
            store.Forget(context.Message.KeyHash);
        });
}
