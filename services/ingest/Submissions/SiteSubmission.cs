using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

/// <summary>The body of <c>POST /api/v1/sites</c>: an exam site filed for an org (考点备案), new or changed.</summary>
public sealed record SiteRequest(
    string? SiteCode, string? OrgCode, string? OrgRegionCode, string? SiteName, string? SiteAddress, string? RegionCode, DateTimeOffset? FiledAt);

/// <summary>An exam site filed on the integrated platform → <see cref="ExamSiteFiled"/>; alerts takes it to the org's center to confirm.</summary>
public sealed class SiteSubmission : Submission<SiteRequest>
{
    public override string Type => "site";
    public override string Path => "/api/v1/sites";
    public override string EndpointName => "FileSite";

    protected override void Validate(SiteRequest r, Check c)
    {
        c.Text(r.SiteCode, "siteCode", 32);
        c.Text(r.OrgCode, "orgCode", 32);
        c.Region(r.OrgRegionCode, "orgRegionCode");
        c.Text(r.SiteName, "siteName", 200);
        c.Text(r.SiteAddress, "siteAddress", 200);
        c.Region(r.RegionCode, "regionCode");
        c.Time(r.FiledAt, "filedAt");
    }

    protected override IReadOnlyList<Contract> Map(SiteRequest r, string planId, SubmissionContext context) =>
        [new ExamSiteFiled(r.SiteCode!, r.OrgCode!, r.OrgRegionCode!, r.SiteName!, r.SiteAddress!, r.RegionCode!, r.FiledAt!.Value)];
}
