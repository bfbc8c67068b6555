using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Alerts.Applications;

/// <summary>A cross-region application and where its two approvals stand.</summary>
public sealed record ApplicationView(
    string ApplicationId, string OrgCode, string OrgName, string OrgRegionCode, string ContactName, string ContactPhone, string SiteName,
    string SiteAddress, string SiteRegionCode, IReadOnlyList<ApplicationLine> Lines, DateTimeOffset AppliedAt, string Status,
    string? AssessedBy, DateTimeOffset? AssessedAt, string? Assessment, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? Approval,
    string? Supervisor);

/// <summary>Alerts' table of cross-region applications (<c>applications</c>).</summary>
public static class ApplicationStore
{
    /// <summary>Stores a filed application once (a redelivery or a resent filing changes nothing).</summary>
    public static Task FileAsync(MessagingTransaction tx, CrossRegionApplicationFiled m, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO applications (application_id, org_code, org_name, org_region_code, contact_name, contact_phone, site_name, site_address,
                                      site_region_code, lines, applied_at, received_at, status)
            VALUES (@ApplicationId, @OrgCode, @OrgName, @OrgRegionCode, @ContactName, @ContactPhone, @SiteName, @SiteAddress,
                    @SiteRegionCode, @LinesJson::jsonb, @AppliedAt, @now, 'filed')
            ON CONFLICT (application_id) DO NOTHING
            """, new
            {
                m.ApplicationId, m.OrgCode, m.OrgName, m.OrgRegionCode, m.ContactName, m.ContactPhone, m.SiteName, m.SiteAddress, m.SiteRegionCode,
                LinesJson = JsonSerializer.Serialize(m.Lines, ContractSerialization.Options), m.AppliedAt, now,
            }, tx.Transaction, cancellationToken: ct));

    /// <summary>Applications whose site is in a center's jurisdiction (everywhere when null), newest first; of one status when given.</summary>
    public static async Task<IReadOnlyList<ApplicationView>> ListAsync(NpgsqlConnection connection, string? centerRegion, string? status,
        CancellationToken ct) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE site_region_code LIKE @prefix AND (@status::text IS NULL OR status = @status) ORDER BY applied_at DESC, application_id",
            new { prefix = Jurisdiction.LikePattern(centerRegion), status }, cancellationToken: ct))).Select(r => r.View()).ToList();

    public static async Task<ApplicationView?> FindAsync(NpgsqlConnection connection, string applicationId, CancellationToken ct) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE application_id = @applicationId",
            new { applicationId }, cancellationToken: ct)))?.View();

    /// <summary>The application, locked until the transaction ends, for a step on it.</summary>
    public static async Task<ApplicationView?> LockAsync(MessagingTransaction tx, string applicationId, CancellationToken ct) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE application_id = @applicationId FOR UPDATE",
            new { applicationId }, tx.Transaction, cancellationToken: ct)))?.View();

    public static Task AssessAsync(MessagingTransaction tx, string applicationId, string status, string actor, string? opinion, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE applications SET status = @status, assessed_by = @actor, assessed_at = @now, assessment = @opinion WHERE application_id = @applicationId
            """, new { applicationId, status, actor, opinion, now }, tx.Transaction, cancellationToken: ct));

    public static Task ApproveAsync(MessagingTransaction tx, string applicationId, string status, string actor, string? opinion, string? supervisor,
        DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE applications SET status = @status, approved_by = @actor, approved_at = @now, approval = @opinion, supervisor = @supervisor
            WHERE application_id = @applicationId
            """, new { applicationId, status, actor, opinion, supervisor, now }, tx.Transaction, cancellationToken: ct));

    const string Select = """
        SELECT application_id AS ApplicationId, org_code AS OrgCode, org_name AS OrgName, org_region_code AS OrgRegionCode,
               contact_name AS ContactName, contact_phone AS ContactPhone, site_name AS SiteName, site_address AS SiteAddress,
               site_region_code AS SiteRegionCode, lines::text AS Lines, applied_at AS AppliedAt, status AS Status,
               assessed_by AS AssessedBy, assessed_at AS AssessedAt, assessment AS Assessment,
               approved_by AS ApprovedBy, approved_at AS ApprovedAt, approval AS Approval, supervisor AS Supervisor
        FROM applications
        """;

    sealed record Row(string ApplicationId, string OrgCode, string OrgName, string OrgRegionCode, string ContactName, string ContactPhone,
        string SiteName, string SiteAddress, string SiteRegionCode, string Lines, DateTime AppliedAt, string Status, string? AssessedBy,
        DateTime? AssessedAt, string? Assessment, string? ApprovedBy, DateTime? ApprovedAt, string? Approval, string? Supervisor)
    {
        public ApplicationView View() => new(ApplicationId, OrgCode, OrgName, OrgRegionCode, ContactName, ContactPhone, SiteName, SiteAddress,
            SiteRegionCode, JsonSerializer.Deserialize<List<ApplicationLine>>(Lines, ContractSerialization.Options)!,
            UtcDateTimeOffsetHandler.FromDatabase(AppliedAt), Status, AssessedBy, UtcDateTimeOffsetHandler.FromDatabase(AssessedAt), Assessment,
            ApprovedBy, UtcDateTimeOffsetHandler.FromDatabase(ApprovedAt), Approval, Supervisor);
    }
}
