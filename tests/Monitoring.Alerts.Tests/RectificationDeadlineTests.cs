using System.Globalization;
using Monitoring.Alerts.Rectifications;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>"Within one month": the same day next month in Asia/Shanghai, at the end of that day; short months end on their last day.</summary>
public sealed class RectificationDeadlineTests
{
    [Theory]
    [InlineData("2026-01-15T10:00:00+08:00", "2026-02-16T00:00:00+08:00")] // due 2026-02-15, at the end of the day
    [InlineData("2026-01-31T10:00:00+08:00", "2026-03-01T00:00:00+08:00")] // January 31 → February 28
    [InlineData("2028-01-31T10:00:00+08:00", "2028-03-01T00:00:00+08:00")] // leap year: → February 29
    [InlineData("2026-03-31T10:00:00+08:00", "2026-05-01T00:00:00+08:00")] // March 31 → April 30
    [InlineData("2026-12-31T23:00:00+08:00", "2027-02-01T00:00:00+08:00")] // December 31 → January 31 of next year
    [InlineData("2026-01-31T17:00:00Z", "2026-03-02T00:00:00+08:00")]      // 01:00 on February 1 in Shanghai → March 1
    public void A_task_is_due_one_calendar_month_later_at_the_end_of_the_day(string openedAt, string dueAt) =>
        Assert.Equal(Parse(dueAt), RectificationDeadline.DueAt(Parse(openedAt)));

    static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
