using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Display;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Warnings;

/// <summary>
/// 预警: the warnings of the clerk's region and the counties under it, overdue first, then by level (red first) and age
/// (oldest first), with the deadline alerts computes (10/5/2 working days); acknowledge and resolve.
/// </summary>
public sealed class IndexModel(ConsoleSession session, TimeProvider time, AlertsApi alerts) : ConsolePage(session, time)
{
    public static readonly IReadOnlyList<(string Value, string Name)> Views =
        [("unresolved", "未解决"), ("open", "待处理"), ("acknowledged", "已确认收到"), ("resolved", "已解决"), ("all", "全部")];

    public static readonly IReadOnlyList<(string Value, string Name)> Levels = [("", "全部级别"), ("red", "红色"), ("orange", "橙色"), ("yellow", "黄色")];

    [BindProperty(SupportsGet = true)]
    public string View { get; set; } = "unresolved";

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    public IReadOnlyList<Warning> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Views.Any(v => v.Value == View))
            View = "unresolved";
        if (!Levels.Any(l => l.Value == (Level ?? "")))
            Level = null;
        var status = View is "open" or "acknowledged" or "resolved" ? View : null;
        var answer = await alerts.WarningsAsync(Clerk, Clerk.Viewing, status, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "这些预警");
        Warnings = [.. answer.Value!
            .Where(w => View != "unresolved" || w.Status != "resolved")
            .Where(w => string.IsNullOrEmpty(Level) || w.Level == Level)
            .OrderByDescending(w => w.Overdue)
            .ThenBy(w => Text.LevelRank(w.Level))
            .ThenBy(w => w.RaisedAt)];
        return Page();
    }

    public Task<IActionResult> OnPostAckAsync(Guid warningId, CancellationToken ct) => StepAsync(warningId, "ack", "已确认收到", ct);

    public Task<IActionResult> OnPostResolveAsync(Guid warningId, CancellationToken ct) => StepAsync(warningId, "resolve", "已标记为解决", ct);

    async Task<IActionResult> StepAsync(Guid warningId, string step, string done, CancellationToken ct)
    {
        var answer = await alerts.SetWarningAsync(Clerk, warningId, step, ct);
        if (!answer.Ok)
        {
            var shown = await OnGetAsync(ct);
            return Error is null ? Failed(answer.Failure!, "该预警") : shown;
        }
        var warning = answer.Value!;
        Done = $"{done}：认定计划 {warning.PlanId} 的{Text.Level(warning.Level)}预警（{Text.WarningKind(warning.Kind)}）。";
        return RedirectToPage(new { View, Level });
    }
}
