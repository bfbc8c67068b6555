using System.Text.Json;
using Dapper;
using Npgsql;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;

namespace Monitoring.Notice.Notices;

/// <summary>A notice as listed (API.md).</summary>
public sealed record NoticeSummary(Guid NoticeId, string DocumentNo, string Kind, string OrgCode, string? PlanId, string RegionCode, DateTimeOffset IssuedAt);

public static class NoticeStore
{
    public static async Task<NoticeDocument?> FindAsync(NpgsqlConnection connection, Guid noticeId, CancellationToken ct)
    {
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT content::text FROM notices WHERE notice_id = @noticeId", new { noticeId }, cancellationToken: ct));
        return json is null ? null : JsonSerializer.Deserialize<NoticeDocument>(json, JsonSerializerOptions.Web);
    }

    /// <summary>Notices of an org (all when null) in a center's jurisdiction (everywhere when null).</summary>
    public static async Task<IReadOnlyList<NoticeSummary>> ListAsync(NpgsqlConnection connection, string? orgCode, string? centerRegion, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT notice_id AS NoticeId, document_no AS DocumentNo, kind AS Kind, org_code AS OrgCode, plan_id AS PlanId, region_code AS RegionCode, issued_at AS IssuedAt
            FROM notices WHERE (@orgCode::text IS NULL OR org_code = @orgCode) AND region_code LIKE @prefix ORDER BY issued_at DESC
            """, new { orgCode, prefix = Jurisdiction.LikePattern(centerRegion) }, cancellationToken: ct));
        return rows.Select(r => new NoticeSummary(r.NoticeId, r.DocumentNo, r.Kind, r.OrgCode, r.PlanId, r.RegionCode,
            UtcDateTimeOffsetHandler.FromDatabase(r.IssuedAt))).ToList();
    }

    sealed record Row(Guid NoticeId, string DocumentNo, string Kind, string OrgCode, string? PlanId, string RegionCode, DateTime IssuedAt);
}
