using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Notices;

/// <summary>书面通知: the region's written notices with their document numbers, newest first; each opens as its PDF.</summary>
public sealed class IndexModel(ConsoleSession session, TimeProvider time, NoticeApi notices) : ConsolePage(session, time)
{
    public static readonly IReadOnlyList<(string Value, string Name)> Kinds =
        [("", "全部类型"), ("rectification", "整改通知"), ("suspension", "暂停评价活动通知"), ("revocation", "取消评价资格通知"), ("plan-termination", "认定计划终止通知"), ("plan-return", "认定计划退回通知")];

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public IReadOnlyList<NoticeSummary> Notices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Kinds.Any(k => k.Value == (Kind ?? "")))
            Kind = null;
        var answer = await notices.NoticesAsync(Clerk, null, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "这些书面通知");
        Notices = [.. answer.Value!.Where(n => InView(n.RegionCode)).Where(n => string.IsNullOrEmpty(Kind) || n.Kind == Kind).OrderByDescending(n => n.IssuedAt)];
        return Page();
    }
}

/// <summary>The notices table, shared by the notices page and an org's page.</summary>
public sealed record NoticeTable(IReadOnlyList<NoticeSummary> Notices, string Caption);
