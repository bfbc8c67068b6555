using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

/// <summary>The body of <c>POST /api/v1/plans</c>; every field nullable so a missing one is reported, not defaulted.</summary>
public sealed record PlanRequest(
    string? PlanId, string? OrgCode, string? OrgName, string? OrgKind, string? RegionCode, string? OccupationCode,
    string? OccupationName, int? Level, int? CandidateCount, DateTimeOffset? ExamStart, DateTimeOffset? ExamEnd,
    string? SiteCode, bool? SiteRegistered, bool? WithinFiledScope, DateTimeOffset? AnnouncedAt, string? OrgRegionCode = null);

/// <summary>A certification plan filed on the integrated platform → <see cref="PlanFiled"/>.</summary>
public sealed class PlanSubmission : Submission<PlanRequest>
{
    public override string Type => "plan";
    public override string Path => "/api/v1/plans";
    public override string EndpointName => "FilePlan";

    protected override void Validate(PlanRequest r, Check c)
    {
        c.PlanId(r.PlanId, "planId");
        c.Text(r.OrgCode, "orgCode", 32);
        c.Text(r.OrgName, "orgName", 200);
        c.OneOf(r.OrgKind, "orgKind", EnumText.Values<OrgKind>());
        c.Region(r.RegionCode, "regionCode");
        c.Pattern(r.OccupationCode, "occupationCode", Formats.OccupationCode(), "X-XX-XX-XX or X-XX-XX-XX-XX");
        c.Text(r.OccupationName, "occupationName", 100);
        c.Range(r.Level, "level", 1, 5);
        c.Range(r.CandidateCount, "candidateCount", 1, 10_000);
        c.Time(r.ExamStart, "examStart");
        c.After(r.ExamEnd, "examEnd", r.ExamStart, "examStart");
        c.Text(r.SiteCode, "siteCode", 32);
        c.Required(r.SiteRegistered, "siteRegistered");
        c.Required(r.WithinFiledScope, "withinFiledScope");
        c.Time(r.AnnouncedAt, "announcedAt");
        if (r.OrgRegionCode is not null)
            c.Region(r.OrgRegionCode, "orgRegionCode");
    }

    protected override IReadOnlyList<Contract> Map(PlanRequest r, string planId, SubmissionContext context) =>
    [
        new PlanFiled(r.PlanId!, r.OrgCode!, r.OrgName!, EnumText.Parse<OrgKind>(r.OrgKind!), r.RegionCode!, r.OccupationCode!,
            r.OccupationName!, r.Level!.Value, r.CandidateCount!.Value, r.ExamStart!.Value, r.ExamEnd!.Value, r.SiteCode!,
            r.SiteRegistered!.Value, r.WithinFiledScope!.Value, r.AnnouncedAt!.Value)
        {
            OrgRegionCode = r.OrgRegionCode,
            SchemaVersion = PlanFiled.CurrentSchemaVersion,
        },
    ];
}
