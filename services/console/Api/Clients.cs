using Monitoring.Console.Session;

namespace Monitoring.Console.Api;

/// <summary>Ingest: who a key is (<c>GET /api/v1/keys/me</c>).</summary>
public sealed class IngestApi(HttpClient http, ILogger<IngestApi> logger) : ServiceApi(http, "ingest", logger)
{
    /// <summary>Asked with a key that is not signed in yet: the sign-in form's.</summary>
    public Task<ApiResult<KeyIdentity>> WhoIsAsync(string key, string? clientAddress, CancellationToken ct) =>
        SendAsync<KeyIdentity>(key, clientAddress, HttpMethod.Get, "api/v1/keys/me", null, ct);
}

/// <summary>Scoring: a plan's score with its deductions.</summary>
public sealed class ScoringApi(HttpClient http, ILogger<ScoringApi> logger) : ServiceApi(http, "scoring", logger)
{
    public Task<ApiResult<PlanScore>> ScoreAsync(Clerk clerk, string planId, CancellationToken ct) =>
        GetAsync<PlanScore>(clerk, $"api/v1/plans/{Uri.EscapeDataString(planId)}/score", ct);
}

/// <summary>Alerts: warnings, rectification tasks, terminations and the catalogue.</summary>
public sealed class AlertsApi(HttpClient http, ILogger<AlertsApi> logger) : ServiceApi(http, "alerts", logger)
{
    public Task<ApiResult<List<Warning>>> WarningsAsync(Clerk clerk, string? region, string? status, CancellationToken ct)
    {
        var query = new List<string>();
        if (region is not null)
            query.Add("region=" + Uri.EscapeDataString(region));
        if (status is not null)
            query.Add("status=" + Uri.EscapeDataString(status));
        return GetAsync<List<Warning>>(clerk, "api/v1/warnings" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), ct);
    }

    public Task<ApiResult<List<WarningStep>>> WarningHistoryAsync(Clerk clerk, Guid warningId, CancellationToken ct) =>
        GetAsync<List<WarningStep>>(clerk, $"api/v1/warnings/{warningId}/history", ct);

    /// <summary><paramref name="step"/> is <c>ack</c> or <c>resolve</c>.</summary>
    public Task<ApiResult<Warning>> SetWarningAsync(Clerk clerk, Guid warningId, string step, CancellationToken ct) =>
        PostAsync<Warning>(clerk, $"api/v1/warnings/{warningId}/{step}", null, ct);

    public Task<ApiResult<List<RectificationTask>>> TasksAsync(Clerk clerk, CancellationToken ct) =>
        GetAsync<List<RectificationTask>>(clerk, "api/v1/rectifications", ct);

    public Task<ApiResult<RectificationTask>> ReviewAsync(Clerk clerk, Guid taskId, string outcome, string reviewer, DateTimeOffset reviewedAt, CancellationToken ct) =>
        PostAsync<RectificationTask>(clerk, $"api/v1/rectifications/{taskId}/review", new { outcome, reviewedAt, reviewer }, ct);

    public Task<ApiResult<List<Termination>>> TerminationsAsync(Clerk clerk, CancellationToken ct) =>
        GetAsync<List<Termination>>(clerk, "api/v1/terminations", ct);

    /// <summary><paramref name="outcome"/>: <c>terminate</c> or <c>return</c> with a confirmation, null with a rejection.</summary>
    public Task<ApiResult<Termination>> DecideAsync(Clerk clerk, string planId, bool confirm, string? outcome, string? reason, CancellationToken ct) =>
        PostAsync<Termination>(clerk, $"api/v1/terminations/{Uri.EscapeDataString(planId)}/decision", new { confirm, outcome, reason }, ct);

    public Task<ApiResult<Org>> OrgAsync(Clerk clerk, string orgCode, CancellationToken ct) =>
        GetAsync<Org>(clerk, $"api/v1/orgs/{Uri.EscapeDataString(orgCode)}", ct);
}

/// <summary>Notice: the written notices, and each one's PDF.</summary>
public sealed class NoticeApi(HttpClient http, ILogger<NoticeApi> logger) : ServiceApi(http, "notice", logger)
{
    public Task<ApiResult<List<NoticeSummary>>> NoticesAsync(Clerk clerk, string? orgCode, CancellationToken ct) =>
        GetAsync<List<NoticeSummary>>(clerk, "api/v1/notices" + (orgCode is null ? "" : "?org=" + Uri.EscapeDataString(orgCode)), ct);

    public Task<ApiResult<FileAnswer>> PdfAsync(Clerk clerk, Guid noticeId, CancellationToken ct) =>
        GetFileAsync(clerk, $"api/v1/notices/{noticeId}.pdf", ct);
}
