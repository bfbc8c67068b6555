using MassTransit;
using Monitoring.Alerts.Orgs;
using Monitoring.Alerts.Terminations;
using Monitoring.Alerts.Warnings;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Alerts.Consumers;

/// <summary>A breach scoring found becomes (or escalates) the plan's warning of that kind.</summary>
public sealed class IndicatorBreachedConsumer(ReliableMessaging messaging, TimeProvider time) : IConsumer<IndicatorBreached>
{
    public Task Consume(ConsumeContext<IndicatorBreached> context) =>
        messaging.ConsumeOnceAsync(context, nameof(IndicatorBreachedConsumer), async tx =>
        {
            var breach = context.Message;
            var now = time.GetUtcNow();
            await OrgCatalogue.EnsureAsync(tx, breach.OrgCode, null, now, context.CancellationToken);
            await WarningStore.RaiseAsync(tx, new WarningInput(breach.PlanId, breach.OrgCode, breach.RegionCode, breach.Level, breach.Kind, breach.Message),
                "scoring", now, context.CancellationToken);
            AlertsMetrics.Warnings.WithLabels(breach.Level.ToString().ToLowerInvariant(), breach.Kind).Inc();
        });
}

/// <summary>A termination recommendation waits for the center, with a red warning meanwhile.</summary>
public sealed class PlanTerminationRecommendedConsumer(ReliableMessaging messaging, TimeProvider time) : IConsumer<PlanTerminationRecommended>
{
    public Task Consume(ConsumeContext<PlanTerminationRecommended> context) =>
        messaging.ConsumeOnceAsync(context, nameof(PlanTerminationRecommendedConsumer), async tx =>
        {
            var now = time.GetUtcNow();
            await OrgCatalogue.EnsureAsync(tx, context.Message.OrgCode, null, now, context.CancellationToken);
            await Terminations.Terminations.RecommendAsync(tx, context.Message, now, context.CancellationToken);
        });
}
