using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores the examiners dispatched to the plan and where they came from.</summary>
public sealed class ExaminersDispatchedConsumer(ConsumeTransaction transaction, FactRecorder facts) : IConsumer<ExaminersDispatched>
{
    public Task Consume(ConsumeContext<ExaminersDispatched> context) =>
        facts.RecordAsync(transaction.Current, context.Message.PlanId, (tx, ct) => FactStore.SaveExaminersAsync(tx, context.Message, ct), context.CancellationToken,
            context.MessageId);
}
