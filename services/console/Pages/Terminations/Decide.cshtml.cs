using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Terminations;

/// <summary>
/// One recommendation, its consequences spelled out, and the three decisions (终止或退回: terminate, return, or reject); a
/// reason goes into the notice.
/// </summary>
public sealed class DecideModel(ConsoleSession session, TimeProvider time, AlertsApi alerts) : ConsolePage(session, time)
{
    public const int MaxReason = 2000;

    public Termination? Termination { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostConfirmAsync(string id, CancellationToken ct) => DecideAsync(id, "terminate", ct);

    public Task<IActionResult> OnPostReturnAsync(string id, CancellationToken ct) => DecideAsync(id, "return", ct);

    public Task<IActionResult> OnPostRejectAsync(string id, CancellationToken ct) => DecideAsync(id, null, ct);

    async Task<IActionResult> DecideAsync(string id, string? outcome, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        var reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();
        if (reason is not null && (reason.Length > MaxReason || reason.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
        {
            Error = $"终止理由最多{MaxReason}个字。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answer = await alerts.DecideAsync(Clerk, id, outcome is not null, outcome, reason, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, $"认定计划 {id} 的终止建议");
        Done = outcome switch
        {
            "terminate" => $"已确认终止认定计划 {id}，终止通知随后生成。",
            "return" => $"已退回认定计划 {id}，退回通知随后生成。",
            _ => $"已驳回认定计划 {id} 的终止建议。",
        };
        return Redirect("/terminations");
    }

    async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        var answer = await alerts.TerminationsAsync(Clerk, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "该终止建议");
        Termination = answer.Value!.FirstOrDefault(t => t.PlanId == id);
        if (Termination is null)
        {
            Error = "未找到该认定计划的终止建议，或它不在您所在中心的管辖范围内。";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (Termination.Status != "pending")
        {
            Error = "该终止建议已经决定过，不能再次决定。";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return null;
    }
}
