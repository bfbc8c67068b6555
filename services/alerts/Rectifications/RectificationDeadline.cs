using Monitoring.ServiceDefaults;

namespace Monitoring.Alerts.Rectifications;

/// <summary>
/// "Rectify within one month": due one calendar month after the day the task opens, in Asia/Shanghai, at
/// the end of that day. A month without that day ends the task on its last day: opened 2026-01-31 → due
/// 2026-02-28 (2028-02-29 in a leap year); opened 2026-03-31 → due 2026-04-30.
/// </summary>
public static class RectificationDeadline
{
    public static DateTimeOffset DueAt(DateTimeOffset openedAt) => ShanghaiTime.EndOf(ShanghaiTime.Day(openedAt).AddMonths(1));
}
