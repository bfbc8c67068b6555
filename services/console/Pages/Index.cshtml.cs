using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages;

/// <summary>The console opens on the warnings: what a center must act on first.</summary>
public sealed class IndexModel(ConsoleSession session, TimeProvider time) : ConsolePage(session, time)
{
    public IActionResult OnGet() => Redirect("/warnings");
}
