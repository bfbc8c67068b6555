using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.Scoring.Certificates;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Staffing;

/// <summary>
/// Who served each plan (<c>plan_staffing</c>) and by which keyed hashes they are known (<c>plan_staff_hashes</c>). A
/// certificate issued to a person who served the org's plans (三(二)) is a fact of the certificate's plan, so it changes
/// when either side arrives: a staffing asks for the rescore of the plans holding certificates of its people, a batch of
/// certificates for the rescore of its plans whose holders served somewhere. Both lock the people's hashes as certificates
/// do (<see cref="CertificateStore.LockCandidatesAsync"/>), so of a staffing and a certificate at the same time one
/// sees the other.
/// </summary>
public static class StaffStore
{
    /// <summary>Stores a plan's staffing, replacing the one before: the people without their hashes, and their hashes apart.</summary>
    public static Task SaveAsync(MessagingTransaction tx, PlanStaffed m, CancellationToken ct)
    {
        var hashes = m.Staff.SelectMany(s => HashesOf(s).Select(h => (Hash: h, Role: EnumText.Of(s.Role)))).Distinct().ToList();
        return tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO plan_staffing (plan_id, site_operator_org_code, delegation_filing_no, rooms, staff)
            VALUES (@PlanId, @SiteOperatorOrgCode, @DelegationFilingNo, @rooms::jsonb, @staff::jsonb)
            ON CONFLICT (plan_id) DO UPDATE SET site_operator_org_code = excluded.site_operator_org_code,
                delegation_filing_no = excluded.delegation_filing_no, rooms = excluded.rooms, staff = excluded.staff;
            DELETE FROM plan_staff_hashes WHERE plan_id = @PlanId;
            INSERT INTO plan_staff_hashes (person_hash, plan_id, role) SELECT h, @PlanId, r FROM unnest(@hashes, @roles) AS x(h, r)
            """, new
        {
            m.PlanId, m.SiteOperatorOrgCode, m.DelegationFilingNo,
            rooms = JsonSerializer.Serialize(m.Rooms, ContractSerialization.Options),
            staff = JsonSerializer.Serialize(m.Staff.Select(Served.Of), ContractSerialization.Options),
            hashes = hashes.Select(h => h.Hash).ToArray(),
            roles = hashes.Select(h => h.Role).ToArray(),
        }, tx.Transaction, cancellationToken: ct));
    }

    /// <summary>Every hash <paramref name="member"/> is known by, the current one first.</summary>
    public static IReadOnlyList<string> HashesOf(StaffMember member) =>
        [member.PersonHash, .. (member.PreviousPersonHashes ?? []).Where(h => h != member.PersonHash)];

    /// <summary>The plans holding a certificate issued to someone who served one of <paramref name="planIds"/>: their staff-certificate facts may change.</summary>
    public static async Task<IReadOnlyCollection<string>> CertifiedPlansOfStaffAsync(MessagingTransaction tx, IReadOnlyList<string> planIds,
        CancellationToken ct) =>
        (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            SELECT DISTINCT c.plan_id
            FROM plan_staff_hashes s
            JOIN certificate_hashes h ON h.candidate_hash = s.person_hash
            JOIN certificates c ON c.certificate_no = h.certificate_no
            WHERE s.plan_id = ANY(@planIds)
            ORDER BY 1
            """, new { planIds = planIds.ToArray() }, tx.Transaction, cancellationToken: ct))).ToList();

    /// <summary>The plans of <paramref name="certificates"/> one of whose holders served some plan: their staff-certificate facts may change.</summary>
    public static async Task<IReadOnlyCollection<string>> PlansCertifyingStaffAsync(MessagingTransaction tx, IReadOnlyList<HeldCertificate> certificates,
        CancellationToken ct)
    {
        var rows = certificates.SelectMany(c => c.Hashes.Select(h => (Hash: h, c.PlanId))).ToList();
        if (rows.Count == 0)
            return [];
        return (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            SELECT DISTINCT c.plan_id FROM unnest(@hashes, @plans) AS c(hash, plan_id)
            WHERE EXISTS (SELECT 1 FROM plan_staff_hashes s WHERE s.person_hash = c.hash)
            ORDER BY 1
            """, new { hashes = rows.Select(r => r.Hash).ToArray(), plans = rows.Select(r => r.PlanId).ToArray() }, tx.Transaction,
            cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// What <see cref="Facts.FactStore.LoadManyAsync"/> reads of staffing, after its other statements: each plan's staffing;
    /// then each certificate of a plan of <c>@planIds</c> whose holder served (by any of their hashes) a plan of the same
    /// org whose exam started within <c>@staffWindow</c> of the certificate's plan's, with that plan and the role.
    /// </summary>
    public const string LoadStatements = """
            SELECT plan_id AS PlanId, site_operator_org_code AS SiteOperatorOrgCode, delegation_filing_no AS DelegationFilingNo, rooms::text AS Rooms, staff::text AS Staff FROM plan_staffing WHERE plan_id = ANY(@planIds);
            SELECT DISTINCT c.plan_id AS PlanId, c.certificate_no AS CertificateNo, s.plan_id AS ServedPlanId, s.role AS Role
            FROM certificates c
            JOIN plans p ON p.plan_id = c.plan_id
            JOIN certificate_hashes h ON h.certificate_no = c.certificate_no
            JOIN plan_staff_hashes s ON s.person_hash = h.candidate_hash
            JOIN plans o ON o.plan_id = s.plan_id AND o.org_code = p.org_code
                AND o.exam_start > p.exam_start - @staffWindow AND o.exam_start < p.exam_start + @staffWindow
            WHERE c.plan_id = ANY(@planIds)
            ORDER BY 1, 2, 3, 4;
        """;
}

/// <summary>What <c>plan_staffing</c> keeps of a person: everything but their hashes.</summary>
public sealed record Served(string PersonId, StaffRole Role, string? EmployerOrgCode, string? CertifiedOccupationCode, int? CertifiedLevel)
{
    public static Served Of(StaffMember m) => new(m.PersonId, m.Role, m.EmployerOrgCode, m.CertifiedOccupationCode, m.CertifiedLevel);
}

/// <summary>A plan's staffing as stored.</summary>
public sealed record StaffingRow(string? SiteOperatorOrgCode, string? DelegationFilingNo, IReadOnlyList<ExamRoom> Rooms, IReadOnlyList<Served> Staff);

/// <summary>A certificate of the plan held by someone who served <see cref="ServedPlanId"/> of the same org as <see cref="Role"/>.</summary>
public sealed record CertifiedStaffRow(string CertificateNo, string ServedPlanId, StaffRole Role);
