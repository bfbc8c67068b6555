using MassTransit;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>Revokes this service's copy of a key and forgets it at once on this instance.</summary>
public sealed class ApiKeyRevokedConsumer(ConsumeTransaction transaction, ApiKeyStore store) : IConsumer<ApiKeyRevoked>
{
    public Task Consume(ConsumeContext<ApiKeyRevoked> context) =>
        store.ApplyRevocationAsync(transaction.Current, context.Message, context.CancellationToken);
}
