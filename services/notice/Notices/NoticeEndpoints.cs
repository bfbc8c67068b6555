using System.Security.Claims;
using Monitoring.Notice.Rendering;
using Monitoring.ServiceDefaults.Access;
using Npgsql;

namespace Monitoring.Notice.Notices;

/// <summary>Notices as JSON, HTML and PDF (API.md); a center sees those of its jurisdiction.</summary>
public static class NoticeEndpoints
{
    public static void MapNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        var notices = app.MapGroup("/api/v1/notices").WithTags("Notices").RequireAuthorization(AccessPolicies.AnyKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        notices.MapGet("", async (string? org, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return Results.Ok(await NoticeStore.ListAsync(connection, org, AccessPolicies.CenterRegion(user), ct));
        }).WithName("ListNotices");
        notices.MapGet("/{noticeId:guid}", (Guid noticeId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
            WithNoticeAsync(noticeId, user, db, Results.Ok, ct)).WithName("GetNotice").Produces<NoticeDocument>();
        notices.MapGet("/{noticeId:guid}.pdf", (Guid noticeId, ClaimsPrincipal user, NpgsqlDataSource db, PdfRenderer pdf, CancellationToken ct) =>
            WithNoticeAsync(noticeId, user, db, n => Results.File(pdf.Render(n), "application/pdf", $"{n.DocumentNo}.pdf"), ct))
            .WithName("GetNoticePdf").Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        notices.MapGet("/{noticeId:guid}.html", (Guid noticeId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
            WithNoticeAsync(noticeId, user, db, n => Results.Content(HtmlRenderer.Render(n), "text/html; charset=utf-8"), ct))
            .WithName("GetNoticeHtml").Produces(StatusCodes.Status200OK, contentType: "text/html");
    }

    static async Task<IResult> WithNoticeAsync(Guid noticeId, ClaimsPrincipal user, NpgsqlDataSource db, Func<NoticeDocument, IResult> render, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var notice = await NoticeStore.FindAsync(connection, noticeId, ct);
        if (notice is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notice", detail: $"There is no notice {noticeId}.");
        if (!AccessPolicies.MayAct(user, notice.RegionCode))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Outside your jurisdiction",
                detail: $"The notice concerns region {notice.RegionCode}.");
        return render(notice);
    }
}
