using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;

namespace Monitoring.Alerts.Sites;

/// <summary>An exam site of an org and where its confirmation stands (pending, confirmed or refused).</summary>
public sealed record SiteView(string OrgCode, string SiteCode, string OrgRegionCode, string SiteName, string SiteAddress, string RegionCode,
    DateTimeOffset FiledAt, string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Opinion);

/// <summary>Alerts' registry of filed exam sites (<c>exam_sites</c>).</summary>
public static class SiteStore
{
    /// <summary>
    /// A new site waits for confirmation; a site filed again with another name, address or region is a change and waits
    /// again (scoring keeps its earlier decision meanwhile); the same filing again changes nothing.
    /// </summary>
    public static Task FileAsync(MessagingTransaction tx, ExamSiteFiled m, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO exam_sites (org_code, site_code, org_region_code, site_name, site_address, region_code, filed_at, status)
            VALUES (@OrgCode, @SiteCode, @OrgRegionCode, @SiteName, @SiteAddress, @RegionCode, @FiledAt, 'pending')
            ON CONFLICT (org_code, site_code) DO UPDATE
                SET org_region_code = excluded.org_region_code, site_name = excluded.site_name, site_address = excluded.site_address,
                    region_code = excluded.region_code, filed_at = excluded.filed_at, status = 'pending', decided_by = NULL, decided_at = NULL,
                    opinion = NULL
                WHERE (exam_sites.site_name, exam_sites.site_address, exam_sites.region_code)
                      IS DISTINCT FROM (excluded.site_name, excluded.site_address, excluded.region_code)
            """, m, tx.Transaction, cancellationToken: ct));

    /// <summary>Sites of orgs registered in a center's jurisdiction (everywhere when null); of one status, one org when given.</summary>
    public static async Task<IReadOnlyList<SiteView>> ListAsync(NpgsqlConnection connection, string? centerRegion, string? status, string? org,
        CancellationToken ct) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(Select + """
             WHERE org_region_code LIKE @prefix AND (@status::text IS NULL OR status = @status) AND (@org::text IS NULL OR org_code = @org)
            ORDER BY filed_at DESC, org_code, site_code
            """, new { prefix = Jurisdiction.LikePattern(centerRegion), status, org }, cancellationToken: ct))).Select(r => r.View()).ToList();

    public static async Task<SiteView?> LockAsync(MessagingTransaction tx, string orgCode, string siteCode, CancellationToken ct) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE org_code = @orgCode AND site_code = @siteCode FOR UPDATE", new { orgCode, siteCode }, tx.Transaction, cancellationToken: ct)))?.View();

    public static Task DecideAsync(MessagingTransaction tx, string orgCode, string siteCode, string status, string actor, string? opinion, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE exam_sites SET status = @status, decided_by = @actor, decided_at = @now, opinion = @opinion WHERE org_code = @orgCode AND site_code = @siteCode
            """, new { orgCode, siteCode, status, actor, opinion, now }, tx.Transaction, cancellationToken: ct));

    const string Select = """
        SELECT org_code AS OrgCode, site_code AS SiteCode, org_region_code AS OrgRegionCode, site_name AS SiteName, site_address AS SiteAddress,
               region_code AS RegionCode, filed_at AS FiledAt, status AS Status, decided_by AS DecidedBy, decided_at AS DecidedAt, opinion AS Opinion
        FROM exam_sites
        """;

    sealed record Row(string OrgCode, string SiteCode, string OrgRegionCode, string SiteName, string SiteAddress, string RegionCode, DateTime FiledAt,
        string Status, string? DecidedBy, DateTime? DecidedAt, string? Opinion)
    {
        public SiteView View() => new(OrgCode, SiteCode, OrgRegionCode, SiteName, SiteAddress, RegionCode, UtcDateTimeOffsetHandler.FromDatabase(FiledAt),
            Status, DecidedBy, UtcDateTimeOffsetHandler.FromDatabase(DecidedAt), Opinion);
    }
}
