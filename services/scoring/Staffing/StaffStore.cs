using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.Scoring.Certificates;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Staffing;

/// <summary>
/// Who served each plan (<c>plan_staffing</c>), by which keyed hashes they are known (<c>plan_staff_hashes</c>), and the
/// certificates issued to them (<c>staff_certificate_matches</c>, 三(二)). A match is found once, when the later of the
/// certificate and the staffing arrives, and is a fact of the certificate's plan, which is then rescored; whether the
/// served plan is the same org's in the period is judged when that plan is scored, against the plans as filed then (a
/// filing of a served plan asks, through the rescore worker, for the rescore of the plans holding certificates of its
/// staff: <see cref="Draws.DrawStore.ExpandChangesAsync"/>). Staffings lock the people's hashes shared
/// (<see cref="CertificateStore.ShareCandidatesAsync"/>) and certificates exclusively, so of a staffing and a certificate
/// at the same time one sees the other.
/// </summary>
public static class StaffStore
{
    /// <summary>
    /// Stores a plan's staffing, replacing the one before (the people without their hashes, and their hashes apart), and
    /// its people's certificates; returns the plans holding certificates of the people of the staffing before or now.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> SaveAsync(MessagingTransaction tx, PlanStaffed m, CancellationToken ct)
    {
        var hashes = m.Staff.SelectMany(s => HashesOf(s).Select(h => (Hash: h, Role: EnumText.Of(s.Role)))).Distinct().ToList();
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
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
        var before = await tx.Connection.QueryAsync<string>(new CommandDefinition(
            "DELETE FROM staff_certificate_matches WHERE served_plan_id = @PlanId RETURNING plan_id", new { m.PlanId }, tx.Transaction,
            cancellationToken: ct));
        var now = await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            INSERT INTO staff_certificate_matches (certificate_no, plan_id, served_plan_id, role)
            SELECT DISTINCT c.certificate_no, c.plan_id, s.plan_id, s.role
            FROM plan_staff_hashes s
            JOIN certificate_hashes h ON h.candidate_hash = s.person_hash
            JOIN certificates c ON c.certificate_no = h.certificate_no
            WHERE s.plan_id = @PlanId
            ON CONFLICT DO NOTHING
            RETURNING plan_id
            """, new { m.PlanId }, tx.Transaction, cancellationToken: ct));
        return before.Concat(now).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every hash <paramref name="member"/> is known by, the current one first.</summary>
    public static IReadOnlyList<string> HashesOf(StaffMember member) => HeldCertificate.EveryHash(member.PersonHash, member.PreviousPersonHashes);

    /// <summary>
    /// Records which of <paramref name="certificates"/> (stored already) went to someone who served a plan, by any hash
    /// either side carries; returns their plans, whose staff-certificate facts may have changed.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> MatchCertificatesAsync(MessagingTransaction tx, IReadOnlyList<HeldCertificate> certificates,
        CancellationToken ct)
    {
        var rows = certificates.SelectMany(c => c.Hashes.Select(h => (Hash: h, c.CertificateNo))).ToList();
        if (rows.Count == 0)
            return [];
        return (await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            INSERT INTO staff_certificate_matches (certificate_no, plan_id, served_plan_id, role)
            SELECT DISTINCT k.certificate_no, k.plan_id, s.plan_id, s.role
            FROM unnest(@hashes, @nos) AS c(hash, no)
            JOIN plan_staff_hashes s ON s.person_hash = c.hash
            JOIN certificates k ON k.certificate_no = c.no
            ON CONFLICT DO NOTHING
            RETURNING plan_id
            """, new { hashes = rows.Select(r => r.Hash).ToArray(), nos = rows.Select(r => r.CertificateNo).ToArray() }, tx.Transaction,
            cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// What <see cref="Facts.FactStore.LoadManyAsync"/> reads of staffing, after its other statements: each plan's staffing;
    /// then each certificate of a plan of <c>@planIds</c> issued to someone who served a plan of the same org whose exam
    /// started within <c>@staffWindow</c> of the certificate's plan's, with that plan and the role.
    /// </summary>
    public const string LoadStatements = """
            SELECT plan_id AS PlanId, site_operator_org_code AS SiteOperatorOrgCode, delegation_filing_no AS DelegationFilingNo, rooms::text AS Rooms, staff::text AS Staff FROM plan_staffing WHERE plan_id = ANY(@planIds);
            SELECT m.plan_id AS PlanId, m.certificate_no AS CertificateNo, m.served_plan_id AS ServedPlanId, m.role AS Role
            FROM staff_certificate_matches m
            JOIN plans p ON p.plan_id = m.plan_id
            JOIN plans o ON o.plan_id = m.served_plan_id AND o.org_code = p.org_code
                AND o.exam_start > p.exam_start - @staffWindow AND o.exam_start < p.exam_start + @staffWindow
            WHERE m.plan_id = ANY(@planIds)
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
