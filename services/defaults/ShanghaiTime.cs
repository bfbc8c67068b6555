namespace Monitoring.ServiceDefaults;

/// <summary>Dates as the platform counts them: Asia/Shanghai (UTC+8, no daylight saving), for every service.</summary>
public static class ShanghaiTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(Offset).DateTime);

    /// <summary>The end of a day: the next midnight in Asia/Shanghai.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset);
}
