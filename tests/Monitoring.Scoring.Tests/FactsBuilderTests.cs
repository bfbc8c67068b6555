using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Calendar;
using Monitoring.Scoring.Facts;
using Xunit;
using static Monitoring.Scoring.Tests.Facts;

namespace Monitoring.Scoring.Tests;

/// <summary>How stored rows become the facts rules see: working days, video coverage, deadlines.</summary>
public sealed class FactsBuilderTests
{
    static readonly WorkingCalendar Calendar = WorkingCalendar.Official();
    static readonly FactsBuilder Builder = new(Calendar);

    [Theory]
    [InlineData("2026-10-01", false)] // 国庆节
    [InlineData("2026-10-08", true)]  // Thursday after the holiday
    [InlineData("2026-10-10", true)]  // Saturday made a working day (调休)
    [InlineData("2026-09-20", true)]  // Sunday made a working day
    [InlineData("2026-02-16", false)] // 春节, a Monday
    [InlineData("2026-11-28", false)] // an ordinary Saturday
    [InlineData("2025-01-26", true)]  // 2025's make-up Sunday before 春节
    public void Working_days_follow_the_official_calendar(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    // Announced Friday Sep 18; between it and an exam on Oct 16: Sep 20 (a Sunday made a working day), Sep 21–24
    // (Sep 25–27 is 中秋节), Sep 28–30, none of Oct 1–7 (国庆节), Oct 8, 9, 10 (a Saturday made a working day),
    // Oct 12–15: 1 + 4 + 3 + 3 + 4 = 15. An exam a day earlier has 14.
    [InlineData("2026-09-18T10:00:00+08:00", "2026-10-16T09:00:00+08:00", 15)]
    [InlineData("2026-09-18T10:00:00+08:00", "2026-10-15T09:00:00+08:00", 14)]
    public void The_announcement_lead_counts_working_days_strictly_between(string announced, string examStart, int days)
    {
        var plan = Plan("P-LEAD", examStart: T(examStart)) with { AnnouncedAt = T(announced) };

        var facts = Builder.Build(Raw(plan), T("2026-09-01T00:00:00+08:00"));

        Assert.Equal(days, facts.AnnouncementLeadWorkingDays);
    }

    [Fact]
    public void Video_coverage_is_the_union_of_segments_over_the_exam_window_in_the_least_covered_room()
    {
        var start = T("2026-12-21T09:00:00+08:00");
        var end = start.AddHours(8);
        VideoRow Segment(string room, int fromHour, int toHour, int covered = 20) =>
            new(room, start.AddHours(fromHour), start.AddHours(toHour), 1080, covered, 20);

        // Room A: two cameras overlapping, together the whole window. Room B: a gap of one hour of eight.
        var rows = new[] { Segment("A", -1, 5), Segment("A", 4, 9), Segment("B", 0, 3), Segment("B", 4, 8) };
        Assert.Equal(1m, FactsBuilder.VideoCoverage(rows.Take(2).ToList(), start, end, 20));
        Assert.Equal(7m / 8, FactsBuilder.VideoCoverage(rows, start, end, 40));
        // A camera that sees 19 of 20 candidates all day.
        Assert.Equal(0.95m, FactsBuilder.VideoCoverage([Segment("A", 0, 8, covered: 19)], start, end, 20));
        // 40 candidates but cameras in rooms holding 30: a room nobody filmed.
        Assert.Equal(0.75m, FactsBuilder.VideoCoverage([Segment("A", 0, 8), new VideoRow("B", start, end, 1080, 10, 10)], start, end, 40));
        Assert.Equal(0m, FactsBuilder.VideoCoverage([], start, end, 40));
    }

    [Fact]
    public void Results_are_late_after_the_fifth_working_day_from_the_exam_end()
    {
        // The exam ends on Friday 2026-09-25, the first day of 中秋节 (Sep 25–27); working days follow: Sep 28, 29, 30,
        // then National Day (Oct 1–7), Oct 8 and Oct 9. Results recorded on Oct 9 are on time, on Oct 10 late.
        var plan = Plan("P-LATE", examStart: T("2026-09-25T09:00:00+08:00"));
        var raw = Raw(plan) with
        {
            Results = new ResultAggregate(3, 3, 0, 0, [new(new DateOnly(2026, 10, 9), 2), new(new DateOnly(2026, 10, 10), 1)]),
        };

        var facts = Builder.Build(raw, T("2026-10-20T00:00:00+08:00"));

        Assert.Equal(1, facts.LateResults);
    }

    [Fact]
    public void A_warning_is_overdue_after_its_level_s_working_days_unless_acknowledged_in_time()
    {
        var raised = T("2026-12-01T10:00:00+08:00"); // Tuesday
        var raw = Raw(Plan("P-WARN")) with
        {
            Warnings =
            [
                new WarningRow(WarningLevel.Red, raised, null),                           // due by Thursday Dec 3: overdue on the 4th
                new WarningRow(WarningLevel.Red, raised, T("2026-12-03T18:00:00+08:00")),  // answered in time
                new WarningRow(WarningLevel.Yellow, raised, null),                        // due Dec 15: not yet
            ],
        };

        Assert.Equal(0, Builder.Build(raw, T("2026-12-03T23:00:00+08:00")).OverdueWarnings);
        Assert.Equal(1, Builder.Build(raw, T("2026-12-04T00:00:01+08:00")).OverdueWarnings);
        Assert.Equal(2, Builder.Build(raw, T("2026-12-16T00:00:01+08:00")).OverdueWarnings);
    }

    [Fact]
    public void Paper_and_staff_facts_count_what_the_rules_judge()
    {
        var raw = Raw(Plan("P-STAFF")) with
        {
            Examiners =
            [
                new("E1", ExaminerSource.Pool, null, false),
                new("E2", ExaminerSource.InternalEmergency, EmergencyDrawReason.PoolShortage, false),
                new("E3", ExaminerSource.InternalEmergency, null, true),
                new("E4", ExaminerSource.OutsidePool, null, false),
            ],
            Paper = new PaperRow("national", 5, false, false),
        };

        var facts = Builder.Build(raw, T("2026-10-01T00:00:00+08:00"));

        Assert.Equal((1, 1, 1), (facts.OutsidePoolExaminers, facts.UnjustifiedInternalDraws, facts.TrainerExaminers));
        Assert.Equal(0, facts.ReusedSelfBuiltItems); // reuse is the rule for national and provincial banks
        Assert.True(facts.TheoryOnPaperWithoutApproval);
    }

    [Fact]
    public void A_pool_shortage_is_weighed_against_the_pool_the_platform_reported()
    {
        var raw = Raw(Plan("P-SHORT")) with
        {
            Examiners =
            [
                new("E1", ExaminerSource.Pool, null, false),
                new("E2", ExaminerSource.InternalEmergency, EmergencyDrawReason.PoolShortage, false),
                new("E3", ExaminerSource.InternalEmergency, EmergencyDrawReason.NewOccupation, false),
            ],
        };

        var reported = Builder.Build(raw with { PoolSize = 40 }, T("2026-11-20T00:00:00+08:00"));
        var unreported = Builder.Build(raw, T("2026-11-20T00:00:00+08:00"));

        Assert.Equal((3, 40, 1, 0), (reported.DispatchedExaminers, reported.PoolSize, reported.PoolShortageDraws, reported.UnjustifiedInternalDraws));
        Assert.Equal((3, 0, 1), (unreported.DispatchedExaminers, unreported.PoolSize, unreported.PoolShortageDraws));
    }

    static RawFacts Raw(PlanFiled plan) =>
        new(plan, null, null, null, null, null, ResultAggregate.None, [], [], SurveyAggregate.None, null, []);
}
