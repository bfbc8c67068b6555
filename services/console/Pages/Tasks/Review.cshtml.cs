using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Display;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Tasks;

/// <summary>
/// Reviewing a rectification in two steps: the clerk chooses the outcome, the page shows what it will do to the org (a failed
/// or refused review suspends it, and a second suspension within the revocation window revokes it), and only a second,
/// explicit confirmation sends the review to alerts.
/// </summary>
public sealed class ReviewModel(ConsoleSession session, TimeProvider time, AlertsApi alerts) : ConsolePage(session, time)
{
    public RectificationTask? Rectification { get; private set; }

    public Org? Org { get; private set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string? Reviewer { get; set; }

    /// <summary>Set once the outcome is chosen: the page shows the consequence and asks to confirm.</summary>
    public bool Confirming { get; private set; }

    public Dictionary<string, string> Invalid { get; } = [];

    public IEnumerable<string> Outcomes => Rectification?.Status == "submitted" ? ["passed", "failed", "refused"] : ["refused"];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        if (!Valid())
            return Page();
        var org = await alerts.OrgAsync(Clerk, Rectification!.OrgCode, ct);
        Org = org.Value;
        Confirming = true;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        if (!Valid())
            return Page();
        var answer = await alerts.ReviewAsync(Clerk, id, Outcome!, Reviewer!.Trim(), Now, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "该整改任务");
        Done = Outcome == "passed"
            ? $"已审核：认定计划 {Rectification!.PlanId} 的整改通过，任务已关闭。"
            : $"已审核：认定计划 {Rectification!.PlanId} {Text.Outcome(Outcome!)}。机构 {Rectification.OrgCode} 已被暂停评价活动，暂停通知随后生成，见下方书面通知。";
        return Redirect("/orgs/" + Uri.EscapeDataString(Rectification.OrgCode));
    }

    /// <summary>The task (from the region's list: alerts has no read of one task), or the page that says why there is none.</summary>
    async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var answer = await alerts.TasksAsync(Clerk, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "该整改任务");
        Rectification = answer.Value!.FirstOrDefault(t => t.TaskId == id);
        if (Rectification is null)
        {
            Error = "未找到该整改任务，或它不在您所在中心的管辖范围内。";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (!IndexModel.Pending(Rectification))
        {
            Error = $"该整改任务已是“{Text.TaskStatus(Rectification.Status)}”，不能再审核。";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return null;
    }

    bool Valid()
    {
        if (Outcome is null || !Outcomes.Contains(Outcome))
            Invalid["outcome"] = Rectification!.Status == "submitted" ? "请选择审核结论。" : "机构尚未提交整改，只能审核为“拒不整改”。";
        if (string.IsNullOrWhiteSpace(Reviewer))
            Invalid["reviewer"] = "请填写审核人姓名。";
        else if (Reviewer.Trim().Length > 100 || Reviewer.Any(char.IsControl))
            Invalid["reviewer"] = "审核人姓名最多100个字。";
        if (Invalid.Count > 0)
        {
            Error = "请更正下面标出的内容。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Invalid.Count == 0;
    }
}
