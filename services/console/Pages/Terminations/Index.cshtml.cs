using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Terminations;

/// <summary>终止建议: plans whose sampled applicants were at least one third non-qualifying, for the center to confirm or reject.</summary>
public sealed class IndexModel(ConsoleSession session, TimeProvider time, AlertsApi alerts) : ConsolePage(session, time)
{
    public IReadOnlyList<Termination> Terminations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var answer = await alerts.TerminationsAsync(Clerk, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "这些终止建议");
        Terminations = [.. answer.Value!.Where(t => InView(t.RegionCode)).OrderBy(t => t.Status != "pending").ThenBy(t => t.RecommendedAt)];
        return Page();
    }
}
