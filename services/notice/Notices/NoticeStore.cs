using System.Text.Json;
using Dapper;
using Npgsql;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Notice.Notices;

/// <summary>A notice as listed (API.md).</summary>
public sealed record NoticeSummary(Guid NoticeId, string DocumentNo, string Kind, string OrgCode, string? PlanId, string RegionCode, DateTimeOffset IssuedAt);

/// <summary>Notice's tables: the notices issued and the issuers' yearly counters of document numbers.</summary>
public static class NoticeStore
{
    /// <summary>
    /// Takes the request's turn (requests take turns per id, so a redelivery racing the first delivery waits and
    /// then finds it issued); false when the request was issued before.
    /// </summary>
    public static async Task<bool> ClaimRequestAsync(MessagingTransaction tx, Guid requestId, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@id, 0))",
            new { id = requestId.ToString() }, tx.Transaction, cancellationToken: ct));
        return !await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM notices WHERE request_id = @requestId)", new { requestId }, tx.Transaction, cancellationToken: ct));
    }

    /// <summary>The issuer's next document number of the year, under the counter row's lock until the transaction ends.</summary>
    public static Task<int> NextNumberAsync(MessagingTransaction tx, string issuerCode, int year, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO notice_counters (issuer_code, year, last_number) VALUES (@issuerCode, @year, 1)
            ON CONFLICT (issuer_code, year) DO UPDATE SET last_number = notice_counters.last_number + 1
            RETURNING last_number
            """, new { issuerCode, year }, tx.Transaction, cancellationToken: ct));

    public static Task InsertAsync(MessagingTransaction tx, Guid requestId, NoticeDocument notice, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notices (notice_id, request_id, document_no, kind, issuer_code, issuer, org_code, org_name, plan_id, region_code, issued_at, content)
            VALUES (@NoticeId, @requestId, @DocumentNo, @Kind, @IssuerCode, @Issuer, @OrgCode, @OrgName, @PlanId, @RegionCode, @IssuedAt, @content::jsonb)
            """, new
        {
            notice.NoticeId, requestId, notice.DocumentNo, notice.Kind, notice.IssuerCode, notice.Issuer, notice.OrgCode,
            notice.OrgName, notice.PlanId, notice.RegionCode, notice.IssuedAt, content = JsonSerializer.Serialize(notice, JsonSerializerOptions.Web),
        }, tx.Transaction, cancellationToken: ct));

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
