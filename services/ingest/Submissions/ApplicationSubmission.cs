using System.Globalization;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

/// <summary>One line of 浙江省职业技能等级认定申请表; <c>examDate</c> is a day (<c>2026-12-20</c>).</summary>
public sealed record ApplicationLineItem(
    string? OccupationCode, string? OccupationName, string? TargetGroup, int? Level, int? Headcount, string? ExamDate);

/// <summary>The body of <c>POST /api/v1/applications</c>: the application form, the site and its lines.</summary>
public sealed record ApplicationRequest(
    string? ApplicationId, string? OrgCode, string? OrgName, string? OrgRegionCode, string? ContactName, string? ContactPhone,
    string? SiteName, string? SiteAddress, string? SiteRegionCode, IReadOnlyList<ApplicationLineItem?>? Lines, DateTimeOffset? AppliedAt);

/// <summary>
/// A cross-region application filed on the integrated platform (浙江省职业技能等级认定申请表, 浙技评〔2023〕20号 一(二))
/// → <see cref="CrossRegionApplicationFiled"/>; alerts takes it to the centers that decide it.
/// </summary>
public sealed class ApplicationSubmission : Submission<ApplicationRequest>
{
    /// <summary>Lines of one application: the form's table is a page of occupations.</summary>
    public const int MaxLines = 50;

    public override string Type => "application";
    public override string Path => "/api/v1/applications";
    public override string EndpointName => "FileApplication";

    protected override void Validate(ApplicationRequest r, Check c)
    {
        c.PlanId(r.ApplicationId, "applicationId");
        c.Text(r.OrgCode, "orgCode", 32);
        c.Text(r.OrgName, "orgName", 200);
        c.Region(r.OrgRegionCode, "orgRegionCode");
        c.Text(r.ContactName, "contactName", 50);
        c.Text(r.ContactPhone, "contactPhone", 30);
        c.Text(r.SiteName, "siteName", 200);
        c.Text(r.SiteAddress, "siteAddress", 200);
        c.Region(r.SiteRegionCode, "siteRegionCode");
        if (r.OrgRegionCode is { } org && r.SiteRegionCode is { } site && Formats.IsZhejiangRegion(org) && Formats.IsZhejiangRegion(site)
            && (Jurisdiction.Covers(org, site) || Jurisdiction.Covers(site, org)))
            c.Fail("siteRegionCode", "a region outside the org's registered region (orgRegionCode): inside it no application is needed");
        c.Time(r.AppliedAt, "appliedAt");
        if (!c.Items(r.Lines, "lines"))
            return;
        if (r.Lines!.Count > MaxLines)
            c.Fail("lines", $"1 to {MaxLines} lines");
        for (var i = 0; i < r.Lines.Count; i++)
        {
            if (r.Lines[i] is not { } x)
                continue;
            var line = c.Item("lines", i);
            line.Pattern(x.OccupationCode, "occupationCode", Formats.OccupationCode(), "X-XX-XX-XX or X-XX-XX-XX-XX");
            line.Text(x.OccupationName, "occupationName", 100);
            line.Text(x.TargetGroup, "targetGroup", 50);
            line.Range(x.Level, "level", 1, 5);
            line.Range(x.Headcount, "headcount", 1, 10_000);
            if (line.Required(x.ExamDate, "examDate") && !TryDay(x.ExamDate!, out _))
                line.Fail("examDate", "a day, yyyy-MM-dd, from 2000 to 2100");
        }
    }

    protected override IReadOnlyList<Contract> Map(ApplicationRequest r, string planId, SubmissionContext context) =>
    [
        new CrossRegionApplicationFiled(r.ApplicationId!, r.OrgCode!, r.OrgName!, r.OrgRegionCode!, r.ContactName!, r.ContactPhone!, r.SiteName!,
            r.SiteAddress!, r.SiteRegionCode!,
            [.. r.Lines!.Select(x => new ApplicationLine(x!.OccupationCode!, x.OccupationName!, x.TargetGroup!, x.Level!.Value, x.Headcount!.Value,
                TryDay(x.ExamDate!, out var day) ? day : throw new InvalidOperationException("examDate was checked")))],
            r.AppliedAt!.Value),
    ];

    static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 2000 and <= 2100;
}
