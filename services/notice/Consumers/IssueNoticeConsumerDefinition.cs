using MassTransit;
using Monitoring.Contracts;

namespace Monitoring.Notice.Consumers;

/// <summary>The command's queue is named by the contract, where alerts sends it, not derived from this class's name.</summary>
public sealed class IssueNoticeConsumerDefinition : ConsumerDefinition<IssueNoticeConsumer>
{
    public IssueNoticeConsumerDefinition() => EndpointName = IssueNotice.Queue;
}
