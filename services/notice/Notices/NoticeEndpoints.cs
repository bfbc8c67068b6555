using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Notice.Rendering;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Npgsql;

namespace Monitoring.Notice.Notices;

/// <summary>Notices as JSON, HTML and PDF (API.md); a center sees those of its jurisdiction.</summary>
public static class NoticeEndpoints
{
    public static void MapNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        var notices = app.MapGroup("/api/v1/notices").WithTags("Notices").RequireAuthorization(AccessPolicies.AnyKey);
        notices.MapGet("", ListAsync).WithName("ListNotices");
        notices.MapGet("/{noticeId}", (Guid noticeId, HttpContext http, NpgsqlDataSource db) =>
            WithNoticeAsync(noticeId, http, db, TypedResults.Ok)).WithName("GetNotice");
        notices.MapGet("/{noticeId}.pdf", (Guid noticeId, HttpContext http, NpgsqlDataSource db, PdfRenderer pdf) =>
            WithNoticeAsync(noticeId, http, db, n => TypedResults.File(pdf.Render(n), "application/pdf", $"{n.DocumentNo}.pdf")))
            .WithName("GetNoticePdf").Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        notices.MapGet("/{noticeId}.html", (Guid noticeId, HttpContext http, NpgsqlDataSource db) =>
            WithNoticeAsync(noticeId, http, db, n => TypedResults.Content(HtmlRenderer.Render(n), "text/html; charset=utf-8")))
            .WithName("GetNoticeHtml").Produces(StatusCodes.Status200OK, contentType: "text/html");
    }

    /// <summary><c>?org=S0001</c>: an org's notices (all when absent) in the caller's jurisdiction.</summary>
    static async Task<Ok<IReadOnlyList<NoticeSummary>>> ListAsync(string? org, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await NoticeStore.ListAsync(connection, org, AccessPolicies.CenterRegion(http.User), ct));
    }

    /// <summary>The notice in one of its forms; the PDF and HTML forms describe their content types where they are mapped.</summary>
    static async Task<Results<TResult, NotFoundProblem, OutsideJurisdiction>> WithNoticeAsync<TResult>(Guid noticeId, HttpContext http, NpgsqlDataSource db,
        Func<NoticeDocument, TResult> render) where TResult : IResult
    {
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        var notice = await NoticeStore.FindAsync(connection, noticeId, http.RequestAborted);
        if (notice is null)
            return Problems.NotFound(http, "No such notice", $"There is no notice {noticeId}.");
        if (!AccessPolicies.MayAct(http.User, notice.RegionCode))
            return new OutsideJurisdiction(notice.RegionCode);
        return render(notice);
    }
}
