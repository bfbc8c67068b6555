using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monitoring.Console.Pages;

namespace Monitoring.Console.Session;

/// <summary>Marks the pages anyone may open (the sign-in page); every other page needs a signed-in clerk.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OpenToAnyoneAttribute : Attribute;

/// <summary>Sends a request without a session to the sign-in page, and gives every page its clerk.</summary>
public sealed class SignedInFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is ConsolePage page && !context.ActionDescriptor.ModelTypeInfo!.IsDefined(typeof(OpenToAnyoneAttribute), false))
        {
            if (page.Session.Current is null)
            {
                context.Result = new Microsoft.AspNetCore.Mvc.RedirectToPageResult("/SignIn");
                return;
            }
        }
        await next();
    }
}
