using Monitoring.Alerts.Orgs;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults;

namespace Monitoring.Alerts.Warnings;

/// <summary>How scoring's breaches become warnings: the org enters the catalogue, the warning is raised or escalated.</summary>
public static class WarningIntake
{
    public static async Task FromBreachAsync(MessagingTransaction tx, IndicatorBreached breach, AlertsMetrics metrics, DateTimeOffset now, CancellationToken ct)
    {
        await OrgStore.EnsureAsync(tx, breach.OrgCode, null, now, ct);
        await WarningStore.RaiseAsync(tx, new WarningInput(breach.PlanId, breach.OrgCode, breach.RegionCode, breach.Level, breach.Kind, breach.Message),
            "scoring", now, ct);
        metrics.Warnings.WithLabels(EnumText.Of(breach.Level), breach.Kind).Inc();
    }
}
