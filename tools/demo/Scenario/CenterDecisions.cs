using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Monitoring.Demo.Scenario;

/// <summary>
/// What the centers do with the day's cross-region applications, through alerts' API: the site's center assesses each
/// (approving it, or refusing the ones the scenario refuses), then the municipal center approves and assigns supervision.
/// Each step is taken once: a step that failed in transit is looked up before it is tried again.
/// </summary>
public static class CenterDecisions
{
    /// <summary>How long a filing may take to reach alerts (through ingest and the broker) before the demo gives up on it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static async Task DecideAsync(HttpClient alerts, IReadOnlyList<PlannedApplication> applications, CancellationToken ct)
    {
        foreach (var application in applications)
        {
            var path = $"api/v1/applications/{application.ApplicationId}";
            var deadline = DateTimeOffset.UtcNow + Patience;
            while (true)
            {
                if (DateTimeOffset.UtcNow > deadline)
                    throw new TimeoutException($"Cross-region application {application.ApplicationId} was not decided within {Patience.TotalMinutes:0} minutes: did alerts receive it?");
                var status = await StatusAsync(alerts, path, ct);
                object? step = status switch
                {
                    null => null, // alerts has not taken the filing yet
                    "filed" => new { approve = application.Approve, opinion = application.Approve ? "考点场地设备符合认定条件" : "考点场地设备不符合认定条件" },
                    "assessed" => new { approve = true, supervisor = "市评价中心督导组", opinion = "同意并实施监管" },
                    _ => null,
                };
                if (status is "approved" or "refused")
                    break;
                if (step is not null)
                    await TryAsync(() => alerts.PostAsJsonAsync($"{path}/{(status == "filed" ? "assessment" : "approval")}", step, ct));
                else
                    await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }

    /// <summary>The org's center confirms each filed site (each step once: a confirmation that failed in transit is looked up first).</summary>
    public static async Task ConfirmSitesAsync(HttpClient alerts, IReadOnlyList<PlannedSite> sites, CancellationToken ct)
    {
        foreach (var site in sites)
        {
            var deadline = DateTimeOffset.UtcNow + Patience;
            while (true)
            {
                if (DateTimeOffset.UtcNow > deadline)
                    throw new TimeoutException($"Site {site.SiteCode} of {site.OrgCode} was not confirmed within {Patience.TotalMinutes:0} minutes: did alerts receive it?");
                var status = await SiteStatusAsync(alerts, site, ct);
                if (status is "confirmed")
                    break;
                if (status is "pending")
                    await TryAsync(() => alerts.PostAsJsonAsync($"api/v1/orgs/{site.OrgCode}/sites/{site.SiteCode}/confirmation",
                        new { confirm = true, opinion = "考点场地设备符合认定条件" }, ct));
                else
                    await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }

    static async Task<string?> SiteStatusAsync(HttpClient alerts, PlannedSite site, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await alerts.GetAsync($"api/v1/sites?org={Uri.EscapeDataString(site.OrgCode)}", ct);
                if (response.IsSuccessStatusCode)
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.EnumerateArray()
                        .Where(s => s.GetProperty("siteCode").GetString() == site.SiteCode).Select(s => s.GetProperty("status").GetString()).FirstOrDefault();
                if ((int)response.StatusCode < 500 || attempt >= 600)
                    throw new InvalidOperationException($"The sites of {site.OrgCode}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            catch (HttpRequestException) when (attempt < 600)
            {
                // Alerts is restarting; ask again.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    /// <summary>
    /// The termination recommendations of the day's plans (≥ 1/3 of the sample non-qualifying), as the centers decide them:
    /// the plans in id order are terminated and returned in turn (终止或退回), so both outcomes are in every day with two.
    /// </summary>
    public static IReadOnlyList<(string PlanId, string Outcome)> Terminations(GeneratedScenario scenario) =>
        [.. scenario.Plans.Where(p => p.Fault == Fault.Termination).Select(p => p.PlanId).Order(StringComparer.Ordinal)
            .Select((planId, i) => (planId, i % 2 == 0 ? "terminate" : "return"))];

    /// <summary>Decides every termination recommendation of the day (<see cref="Terminations"/>) that is still pending.</summary>
    public static async Task DecideTerminationsAsync(HttpClient alerts, GeneratedScenario scenario, CancellationToken ct)
    {
        foreach (var (planId, outcome) in Terminations(scenario))
        {
            using var response = await alerts.PostAsJsonAsync($"api/v1/terminations/{planId}/decision", new { confirm = true, outcome }, ct);
            // 409: decided already (a demo run again on the same day).
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
                throw new InvalidOperationException($"The decision on {planId} was refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>The application's status, or null while alerts does not know it (or cannot be reached).</summary>
    static async Task<string?> StatusAsync(HttpClient alerts, string path, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await alerts.GetAsync(path, ct);
                if (response.StatusCode == HttpStatusCode.NotFound)
                    return null;
                if (response.IsSuccessStatusCode)
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("status").GetString();
                if ((int)response.StatusCode < 500 || attempt >= 600)
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
            catch (HttpRequestException) when (attempt < 600)
            {
                // Alerts is restarting; ask again.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    static async Task TryAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            // A conflict: the step was taken meanwhile (a retry of one that did land); the next look-up says so.
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict && (int)response.StatusCode < 500)
                throw new InvalidOperationException($"A center's decision was refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException)
        {
            // Alerts went away mid-call: the next look-up tells whether the step landed.
        }
    }
}
