using System.Globalization;
using System.Text.Json;
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
        if (!await NoticeStore.ClaimRequestAsync(tx, request.RequestId, ct))
            return null;

        var issuer = Issuers.Issuers.For(request.RegionCode);
        var issuedOn = now.ToOffset(ShanghaiTime.Offset);
        var number = await NoticeStore.NextNumberAsync(tx, issuer.RegionCode, issuedOn.Year, ct);
        var documentNo = string.Create(CultureInfo.InvariantCulture, $"{issuer.Abbreviation}技评〔{issuedOn.Year}〕{number}号");

        var text = NoticeTemplates.Render(request);
        var notice = new NoticeDocument(Guid.CreateVersion7(now), documentNo, EnumText.Of(request.Kind),
            text.Title, issuer.Name, issuer.RegionCode, request.OrgCode, request.OrgName, request.PlanId, request.RegionCode, text.Paragraphs,
            text.LegalBasis, request.DeadlineAt, now, NoticeTemplates.ChineseDate(now));
        await NoticeStore.InsertAsync(tx, request.RequestId, notice, ct);

        tx.Publish(new NoticeIssued(notice.NoticeId, request.RequestId, documentNo, request.Kind, issuer.Name, request.OrgCode, request.PlanId, now));
        return notice;
    }
}
