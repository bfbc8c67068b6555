using MassTransit;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.ServiceDefaults.Access;

/// <summary>Keeps this service's copy of the keys in step with the keys issued at ingest.</summary>
public sealed class ApiKeyIssuedConsumer(ConsumeTransaction transaction) : IConsumer<ApiKeyIssued>
{
    public Task Consume(ConsumeContext<ApiKeyIssued> context) =>
        ApiKeyStore.SaveAsync(transaction.Current.Connection, transaction.Current.Transaction, context.Message, context.CancellationToken);
}
