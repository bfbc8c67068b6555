using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitoring.ServiceDefaults.Calendar;

/// <summary>
/// China's official working days: Monday to Friday, minus the public holidays, plus the make-up working
/// days (调休) on weekends, as the State Council publishes them each year (<c>Calendar/cn-YYYY.json</c>).
/// A year without data counts Monday to Friday and says so once in the log: add the year's file when the
/// State Council publishes it (each November).
/// </summary>
public sealed class WorkingCalendar
{
    readonly FrozenSet<DateOnly> holidays;
    readonly FrozenSet<DateOnly> makeUpWorkdays;
    readonly FrozenSet<int> years;
    readonly Action<int>? unknownYear;
    readonly ConcurrentDictionary<int, bool> warned = new();

    public WorkingCalendar(IEnumerable<YearCalendar> calendars, Action<int>? unknownYear = null)
    {
        var list = calendars.ToList();
        holidays = list.SelectMany(c => c.Holidays).ToFrozenSet();
        makeUpWorkdays = list.SelectMany(c => c.MakeUpWorkdays).ToFrozenSet();
        years = list.Select(c => c.Year).ToFrozenSet();
        this.unknownYear = unknownYear;
    }

    /// <summary>The calendars shipped with the service (embedded <c>cn-*.json</c>).</summary>
    public static WorkingCalendar Official(Action<int>? unknownYear = null)
    {
        var assembly = typeof(WorkingCalendar).Assembly;
        var calendars = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Calendar.cn-", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<YearCalendar>(stream, JsonSerializerOptions.Web)!;
            });
        return new WorkingCalendar(calendars, unknownYear);
    }

    public IReadOnlyCollection<int> Years => years;

    public bool IsWorkingDay(DateOnly day)
    {
        if (!years.Contains(day.Year) && unknownYear is not null && warned.TryAdd(day.Year, true))
            unknownYear(day.Year);
        if (holidays.Contains(day))
            return false;
        if (makeUpWorkdays.Contains(day))
            return true;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>Working days strictly between two dates: the lead time from an announcement to an exam.</summary>
    public int WorkingDaysBetween(DateOnly after, DateOnly before)
    {
        var count = 0;
        for (var day = after.AddDays(1); day < before; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
                count++;
        }
        return count;
    }

    /// <summary>The <paramref name="n"/>th working day after <paramref name="day"/>: a deadline of n working days.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int n)
    {
        while (n > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
                n--;
        }
        return day;
    }
}

/// <summary>One year's arrangement as published: holidays, and weekend days that are working days.</summary>
public sealed record YearCalendar(int Year, string Source, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> MakeUpWorkdays);

public static class WorkingCalendarExtensions
{
    /// <summary>The official calendar as a singleton; a year without data is counted Monday to Friday and logged once.</summary>
    public static IServiceCollection AddWorkingCalendar(this IServiceCollection services) => services.AddSingleton(sp =>
    {
        var logger = sp.GetRequiredService<ILogger<WorkingCalendar>>();
        return WorkingCalendar.Official(year => logger.LogWarning(
            "No official calendar for {Year}: counting Monday to Friday as working days. Add services/defaults/Calendar/cn-{Year}.json", year, year));
    });
}
