using MassTransit;
using Monitoring.Contracts;
using Monitoring.Notice.Catalogue;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Notice.Consumers;

/// <summary>Keeps the public list (信息公示) of suspended and revoked orgs.</summary>
public sealed class OrgStatusChangedConsumer(ConsumeTransaction transaction) : IConsumer<OrgStatusChanged>
{
    public Task Consume(ConsumeContext<OrgStatusChanged> context) =>
        CatalogueStore.RecordAsync(transaction.Current, context.Message, context.CancellationToken);
}
