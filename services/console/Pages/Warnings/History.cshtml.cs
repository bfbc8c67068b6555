using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Warnings;

/// <summary>Every step of one warning: raised, repeated, escalated, acknowledged, resolved, and by whom.</summary>
public sealed class HistoryModel(ConsoleSession session, TimeProvider time, AlertsApi alerts) : ConsolePage(session, time)
{
    public IReadOnlyList<WarningStep> Steps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var answer = await alerts.WarningHistoryAsync(Clerk, id, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "该预警");
        Steps = answer.Value!;
        return Page();
    }
}
