using System.Net.Mime;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Console.Api;
using Monitoring.Console.Session;

namespace Monitoring.Console.Pages.Notices;

/// <summary>
/// A notice's PDF, fetched from notice with the clerk's key and handed to the browser to open: the key stays in the console,
/// the link carries only the notice's id. A failure is a page in words.
/// </summary>
public sealed class PdfModel(ConsoleSession session, TimeProvider time, NoticeApi notices) : ConsolePage(session, time)
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var answer = await notices.PdfAsync(Clerk, id, ct);
        if (!answer.Ok)
            return Failed(answer.Failure!, "该书面通知");
        Response.Headers.ContentDisposition = new ContentDisposition { Inline = true, FileName = $"notice-{id}.pdf" }.ToString();
        return File(answer.Value!.Content, "application/pdf");
    }
}
