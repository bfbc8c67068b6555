using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages;

/// <summary>What every page has: the session and its clerk, the time, and one way to say a failure.</summary>
public abstract class ConsolePage(ConsoleSession session, TimeProvider time) : PageModel
{
    public ConsoleSession Session => session;

    /// <summary>The signed-in clerk; pages other than sign-in run only with one (<see cref="SignedInFilter"/>).</summary>
    public Clerk Clerk => session.Current ?? throw new InvalidOperationException("Nobody is signed in");

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    /// <summary>What went wrong, in words, shown at the top of the page.</summary>
    public string? Error { get; protected set; }

    /// <summary>What a step just did, carried over the redirect after it.</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>
    /// Shows a failure, with the page's status matching it (a 403 for another region is a 403); a key the services no longer
    /// know ends the session and sends the clerk to sign in again.
    /// </summary>
    protected IActionResult Failed(ApiFailure failure, string what)
    {
        if (failure.SignedOut)
        {
            session.SignOut();
            return RedirectToPage("/SignIn", new { expired = true });
        }
        Error = failure.Message(what);
        Response.StatusCode = failure.Status is 0 ? StatusCodes.Status503ServiceUnavailable : (int)failure.Status;
        return Page();
    }

    /// <summary>A list keeps to the region the clerk views (operators choose one; centers get theirs from the API already).</summary>
    protected bool InView(string regionCode) => Display.Regions.Within(Clerk.Viewing, regionCode);
}
