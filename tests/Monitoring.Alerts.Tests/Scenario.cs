using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Alerts.Tests;

/// <summary>One test's alerts, broker and clock, and the steps the platform and the centers take.</summary>
public sealed class Scenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = T("2026-01-31T10:00:00+08:00");

    readonly bool ownsEnvironment;

    Scenario(TestEnvironment environment, AlertsApp app, TestBus bus, bool ownsEnvironment)
    {
        Environment = environment;
        App = app;
        Bus = bus;
        this.ownsEnvironment = ownsEnvironment;
    }

    public TestEnvironment Environment { get; }
    public AlertsApp App { get; }
    public TestBus Bus { get; }
    public FakeTimeProvider Time => App.Time;
    public Monitoring.Alerts.Rectifications.RectificationSweeper Sweeper => App.Sweeper;

    public static async Task<Scenario> CreateAsync(TestEnvironment? environment = null, bool allowPrivateAddresses = false,
        Monitoring.Alerts.Webhooks.WebhookAddresses? addresses = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var owns = environment is null;
        environment ??= await TestEnvironment.CreateAsync();
        var app = AlertsApp.Start(environment, new FakeTimeProvider(Start), allowPrivateAddresses, addresses, settings);
        return new Scenario(environment, app, await TestBus.StartAsync(environment), owns);
    }

    public static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    public HttpClient Operator => App.Client(Environment.Keys.Operator);
    public HttpClient Platform => App.Client(Environment.Keys.Platform);

    /// <summary>The Hangzhou (330100) center's key.</summary>
    public HttpClient Hangzhou => App.Client(Environment.Keys.Center);

    /// <summary>Scoring announces a plan's final score; below 60 alerts opens a task. Returns the task id.</summary>
    public async Task<Guid> FinalScoreAsync(string planId, string orgCode, decimal score, string region = "330106")
    {
        await Bus.PublishAsync(new PlanScored(planId, orgCode, region, score, ScoreStatus.Final, "zj-default-2026.3", Time.GetUtcNow(),
            [new IndicatorScore("video", 15, 5, [new Deduction("video.coverage", 10, "考试视频未全程覆盖", "浙技评〔2023〕20号")])], "某培训学校"));
        using var client = Operator;
        var tasks = await Eventually.ReturnsAsync(async () =>
            JsonDocument.Parse(await client.GetStringAsync($"api/v1/rectifications?org={orgCode}")).RootElement.EnumerateArray()
                .Where(t => t.GetProperty("planId").GetString() == planId).ToList(), t => t.Count == 1, $"the task of {planId}");
        return tasks[0].GetProperty("taskId").GetGuid();
    }

    public async Task<HttpResponseMessage> SubmitAsync(Guid taskId)
    {
        using var client = Platform;
        return await client.PostAsJsonAsync($"api/v1/rectifications/{taskId}/submission",
            new { submittedAt = Time.GetUtcNow(), summary = "已补装考场摄像头并重新组织考评人员培训" });
    }

    public async Task<HttpResponseMessage> ReviewAsync(Guid taskId, string outcome, HttpClient? center = null)
    {
        using var own = center is null ? Hangzhou : null;
        return await (center ?? own!).PostAsJsonAsync($"api/v1/rectifications/{taskId}/review",
            new { outcome, reviewedAt = Time.GetUtcNow(), reviewer = "杭州市技能评价中心 张三" });
    }

    public async Task<JsonElement> TaskAsync(Guid taskId, string orgCode)
    {
        using var client = Operator;
        return JsonDocument.Parse(await client.GetStringAsync($"api/v1/rectifications?org={orgCode}")).RootElement.EnumerateArray()
            .Single(t => t.GetProperty("taskId").GetGuid() == taskId);
    }

    public async Task<JsonElement> OrgAsync(string orgCode)
    {
        using var client = Operator;
        var response = await client.GetAsync($"api/v1/orgs/{orgCode}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public Task<long> CountAsync(string sql, object? parameters = null) => Environment.CountAsync(sql, parameters);

    /// <summary>Waits until alerts has relayed everything it committed, so probes hold all there is.</summary>
    public Task SettledAsync() => Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM alerts.outbox"), n => n == 0, "alerts' outbox to drain");

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
        await App.DisposeAsync();
        if (ownsEnvironment)
            await Environment.DisposeAsync();
    }
}
