using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Display;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages;

/// <summary>Operators see the whole province and choose the region their views show; a center's region is its key's.</summary>
public sealed class RegionModel(ConsoleSession session, TimeProvider time) : ConsolePage(session, time)
{
    public IActionResult OnGet() => Redirect("/warnings");

    public IActionResult OnPost(string? region, string? back)
    {
        if (!Clerk.IsOperator)
            return StatusCode(StatusCodes.Status403Forbidden);
        var viewing = region is null or Regions.Province || !Regions.IsCity(region) ? null : region;
        Session.SignIn(Clerk with { Viewing = viewing });
        // Back to the page the clerk switched on; only a path of this console, never another site.
        return Redirect(back is ['/', not '/' and not '\\', ..] ? back : "/warnings");
    }
}
