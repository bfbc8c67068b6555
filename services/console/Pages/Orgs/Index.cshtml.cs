using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Orgs;

/// <summary>
/// 机构: an org's place in the catalogue (active → suspended → revoked) with its history, which is public, and the notices
/// about it that the clerk's jurisdiction covers.
/// </summary>
public sealed class IndexModel(ConsoleSession session, TimeProvider time, AlertsApi alerts, NoticeApi notices) : ConsolePage(session, time)
{
    public Org? Org { get; private set; }

    public IReadOnlyList<NoticeSummary> Notices { get; private set; } = [];

    public string? NoticesError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, string? q, CancellationToken ct)
    {
        if (id is null && !string.IsNullOrWhiteSpace(q))
        {
            q = q.Trim();
            if (q.Length > 32 || q.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                Error = "机构代码最长32个字符，不含空格，请核对后重新输入。";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            return Redirect("/orgs/" + Uri.EscapeDataString(q));
        }
        if (id is null)
            return Page();
        var org = await alerts.OrgAsync(Clerk, id, ct);
        if (!org.Ok)
            return Failed(org.Failure!, $"机构 {id}");
        Org = org.Value;
        var issued = await notices.NoticesAsync(Clerk, id, ct);
        if (issued.Ok)
            Notices = [.. issued.Value!.Where(n => InView(n.RegionCode)).OrderByDescending(n => n.IssuedAt)];
        else
            NoticesError = issued.Failure!.Message("该机构的书面通知");
        return Page();
    }
}
