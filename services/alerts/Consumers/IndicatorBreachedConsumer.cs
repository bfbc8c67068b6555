using MassTransit;
using Monitoring.Alerts.Warnings;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>A breach scoring found becomes (or escalates) the plan's warning of that kind.</summary>
public sealed class IndicatorBreachedConsumer(ConsumeTransaction transaction, AlertsMetrics metrics, TimeProvider time) : IConsumer<IndicatorBreached>
{
    public Task Consume(ConsumeContext<IndicatorBreached> context) =>
        WarningIntake.FromBreachAsync(transaction.Current, context.Message, metrics, time.GetUtcNow(), context.CancellationToken);
}
