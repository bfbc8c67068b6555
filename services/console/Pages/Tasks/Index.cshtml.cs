using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Tasks;

/// <summary>整改任务: the rectification tasks of the region, those still to act on first, by due date.</summary>
public sealed class IndexModel(ConsoleSession session, TimeProvider time, AlertsApi alerts) : ConsolePage(session, time)
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<RectificationTask> Tasks { get; private set; } = [];

    public static bool Pending(RectificationTask task) => task.Status is "open" or "submitted";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var answer = await alerts.TasksAsync(Clerk, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "这些整改任务");
        Tasks = [.. answer.Value!.Where(t => InView(t.RegionCode)).Where(t => All || Pending(t))
            .OrderByDescending(Pending).ThenBy(t => t.Status != "submitted").ThenBy(t => t.DueAt)];
        return Page();
    }
}
