using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages;

/// <summary>Sign-out clears the session cookie; a POST with the anti-forgery token, so no other site can sign a clerk out.</summary>
[OpenToAnyone]
public sealed class SignOutModel(ConsoleSession session, TimeProvider time) : ConsolePage(session, time)
{
    public IActionResult OnGet() => Redirect("/signin");

    public IActionResult OnPost()
    {
        Session.SignOut();
        return Redirect("/signin");
    }
}
