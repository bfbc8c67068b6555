using Monitoring.Contracts;

namespace Monitoring.ServiceDefaults.Calendar;

/// <summary>
/// When a center must have answered a warning: 10 / 5 / 2 working days for yellow / orange / red [D], counted from the
/// day it was first raised and ending at the next midnight in Asia/Shanghai. One rule for scoring, which deducts
/// for warnings left open past it, and alerts, which shows it to the centers, so both name the same moment.
/// </summary>
public static class WarningDeadline
{
    public static int WorkingDays(WarningLevel level) => level switch { WarningLevel.Red => 2, WarningLevel.Orange => 5, _ => 10 };

    public static DateTimeOffset For(WorkingCalendar calendar, WarningLevel level, DateTimeOffset raisedAt) =>
        ShanghaiTime.EndOf(calendar.AddWorkingDays(ShanghaiTime.Day(raisedAt), WorkingDays(level)));
}
