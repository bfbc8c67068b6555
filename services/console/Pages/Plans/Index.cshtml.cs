using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Plans;

/// <summary>认定计划: a plan's score, provisional or final, with every deduction's rule, reason and legal basis.</summary>
public sealed partial class IndexModel(ConsoleSession session, TimeProvider time, ScoringApi scoring) : ConsolePage(session, time)
{
    public string? PlanId { get; private set; }

    public PlanScore? Score { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, string? q, CancellationToken ct)
    {
        if (id is null && !string.IsNullOrWhiteSpace(q))
        {
            q = q.Trim();
            if (!PlanIdFormat().IsMatch(q))
            {
                Error = "认定计划编号由字母、数字和“-”组成，最长64个字符，请核对后重新输入。";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            return Redirect("/plans/" + q);
        }
        if (id is null)
            return Page();
        if (!PlanIdFormat().IsMatch(id))
            return NotFound();
        PlanId = id;
        var answer = await scoring.ScoreAsync(Clerk, id, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, $"认定计划 {id}");
        Score = answer.Value;
        return Page();
    }

    [GeneratedRegex(@"\A[A-Za-z0-9-]{1,64}\z")]
    private static partial Regex PlanIdFormat();
}
