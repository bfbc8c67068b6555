using System.Globalization;
using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.Notice.Issuers;
using Monitoring.Notice.Templates;
using Monitoring.ServiceDefaults;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Notice.Notices;

/// <summary>
/// Issues one notice inside the caller's transaction: its document number is the issuer's counter for the
/// year plus one, taken with a row lock in the same transaction that stores the notice, so numbers are
/// unique and without gaps however many consumers issue at once (a rolled-back notice gives its number
/// back). A request already issued (same <see cref="IssueNotice.RequestId"/>) issues nothing.
/// </summary>
public static class NoticeIssuer
{
    public static async Task<NoticeDocument?> IssueAsync(MessagingTransaction tx, IssueNotice request, DateTimeOffset now, CancellationToken ct)
    {
        // Requests take turns per id, so a redelivery racing the first delivery waits and then finds it issued.
        await tx.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@id, 0))",
            new { id = request.RequestId.ToString() }, tx.Transaction, cancellationToken: ct));
        if (await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM notices WHERE request_id = @RequestId)", request, tx.Transaction, cancellationToken: ct)))
            return null;

        var issuer = Issuers.Issuers.For(request.RegionCode);
        var issuedOn = now.ToOffset(Shanghai.Offset);
        var number = await tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO notice_counters (issuer_code, year, last_number) VALUES (@code, @year, 1)
            ON CONFLICT (issuer_code, year) DO UPDATE SET last_number = notice_counters.last_number + 1
            RETURNING last_number
            """, new { code = issuer.RegionCode, year = issuedOn.Year }, tx.Transaction, cancellationToken: ct));
        var documentNo = string.Create(CultureInfo.InvariantCulture, $"{issuer.Abbreviation}技评〔{issuedOn.Year}〕{number}号");

        var text = NoticeTemplates.Render(request);
        var notice = new NoticeDocument(Guid.CreateVersion7(now), documentNo, JsonNamingPolicy.KebabCaseLower.ConvertName(request.Kind.ToString()),
            text.Title, issuer.Name, issuer.RegionCode, request.OrgCode, request.OrgName, request.PlanId, request.RegionCode, text.Paragraphs,
            text.LegalBasis, request.DeadlineAt, now, NoticeTemplates.ChineseDate(now));

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notices (notice_id, request_id, document_no, kind, issuer_code, issuer, org_code, org_name, plan_id, region_code, issued_at, content)
            VALUES (@NoticeId, @requestId, @DocumentNo, @Kind, @IssuerCode, @Issuer, @OrgCode, @OrgName, @PlanId, @RegionCode, @IssuedAt, @content::jsonb)
            """, new
        {
            notice.NoticeId, requestId = request.RequestId, notice.DocumentNo, notice.Kind, notice.IssuerCode, notice.Issuer, notice.OrgCode,
            notice.OrgName, notice.PlanId, notice.RegionCode, notice.IssuedAt, content = JsonSerializer.Serialize(notice, JsonSerializerOptions.Web),
        }, tx.Transaction, cancellationToken: ct));

        tx.Publish(new NoticeIssued(notice.NoticeId, request.RequestId, documentNo, request.Kind, issuer.Name, request.OrgCode, request.PlanId, now));
        return notice;
    }
}
