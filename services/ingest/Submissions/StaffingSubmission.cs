using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

public sealed record ExamRoomItem(string? RoomCode, string? ExamKind, int? Candidates, IReadOnlyList<string?>? ExaminerIds);

public sealed record StaffItem(
    string? PersonId, string? Role, string? IdNumber, string? EmployerOrgCode, string? CertifiedOccupationCode, int? CertifiedLevel);

public sealed record StaffingRequest(
    IReadOnlyList<ExamRoomItem?>? Rooms, IReadOnlyList<StaffItem?>? Staff, string? SiteOperatorOrgCode = null, string? DelegationFilingNo = null);

/// <summary>
/// Who ran a plan's exam: its rooms, examiners, quality supervisors and exam staff, and who operates the site →
/// <see cref="PlanStaffed"/>, every 身份证号 hashed as a candidate's is.
/// </summary>
public sealed class StaffingSubmission : Submission<StaffingRequest>
{
    /// <summary>The most rooms and people one plan's staffing may list.</summary>
    public const int MaxRooms = 500;

    public override string Type => "staffing";
    public override string Path => "/api/v1/plans/{planId}/staffing";
    public override string EndpointName => "ReportStaffing";

    protected override void Validate(StaffingRequest r, Check c)
    {
        if (r.SiteOperatorOrgCode is not null)
            c.Text(r.SiteOperatorOrgCode, "siteOperatorOrgCode", 32);
        if (r.DelegationFilingNo is not null)
            c.Text(r.DelegationFilingNo, "delegationFilingNo", 64);

        var examiners = new HashSet<string>(StringComparer.Ordinal);
        if (c.Items(r.Staff, "staff"))
        {
            for (var i = 0; i < r.Staff!.Count; i++)
            {
                if (r.Staff[i] is not { } s)
                    continue;
                var item = c.Item("staff", i);
                item.Text(s.PersonId, "personId", 64);
                item.OneOf(s.Role, "role", EnumText.Values<StaffRole>());
                item.IdentityNumber(s.IdNumber, "idNumber");
                if (s.EmployerOrgCode is not null || s.Role == "exam-staff")
                    item.Text(s.EmployerOrgCode, "employerOrgCode", 32);
                // An examiner's certificate (考评员证) names the occupation and the highest level they may examine.
                if (s.Role == "examiner" || s.CertifiedOccupationCode is not null)
                    item.Pattern(s.CertifiedOccupationCode, "certifiedOccupationCode", Formats.OccupationCode(), "X-XX-XX-XX or X-XX-XX-XX-XX");
                if (s.Role == "examiner" || s.CertifiedLevel is not null)
                    item.Range(s.CertifiedLevel, "certifiedLevel", 1, 5);
                if (s is { Role: "examiner", PersonId: { } id })
                    examiners.Add(id);
            }
            c.Unique(r.Staff, "staff", s => s.PersonId, "personId");
            c.Unique(r.Staff, "staff", s => s.IdNumber, "idNumber");
        }

        if (!c.Items(r.Rooms, "rooms"))
            return;
        if (r.Rooms!.Count > MaxRooms)
            c.Fail("rooms", $"at most {MaxRooms} rooms");
        for (var i = 0; i < r.Rooms.Count; i++)
        {
            if (r.Rooms[i] is not { } room)
                continue;
            var item = c.Item("rooms", i);
            item.Text(room.RoomCode, "roomCode", 32);
            item.OneOf(room.ExamKind, "examKind", EnumText.Values<ExamKind>());
            item.Range(room.Candidates, "candidates", 1, 10_000);
            // A room may have no examiner (that is a finding, not a malformed body); each one named must be a listed examiner.
            if (!item.Required(room.ExaminerIds, "examinerIds"))
                continue;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < room.ExaminerIds!.Count; j++)
            {
                var id = room.ExaminerIds[j];
                var field = $"examinerIds[{j}]";
                if (id is null)
                    item.Fail(field, "an examiner's personId");
                else if (!examiners.Contains(id))
                    item.Fail(field, "the personId of an examiner in staff");
                else if (!seen.Add(id))
                    item.Fail(field, "appears earlier in this room");
            }
        }
        c.Unique(r.Rooms, "rooms", x => x.RoomCode, "roomCode");
    }

    protected override IReadOnlyList<Contract> Map(StaffingRequest r, string planId, SubmissionContext context) =>
    [
        new PlanStaffed(planId, r.SiteOperatorOrgCode, r.DelegationFilingNo,
            [.. r.Rooms!.Select(x => new ExamRoom(x!.RoomCode!, EnumText.Parse<ExamKind>(x.ExamKind!), x.Candidates!.Value, [.. x.ExaminerIds!.Select(id => id!)]))],
            [.. r.Staff!.Select(s => new StaffMember(s!.PersonId!, EnumText.Parse<StaffRole>(s.Role!), context.Hasher.Hash(s.IdNumber!), s.EmployerOrgCode,
                s.CertifiedOccupationCode, s.CertifiedLevel)
            {
                PreviousPersonHashes = context.Hasher.PreviousHashes(s.IdNumber!),
            })]),
    ];
}
