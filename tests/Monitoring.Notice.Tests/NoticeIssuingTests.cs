using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Contracts;
using Monitoring.Notice.Notices;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Notice.Tests;

public sealed class NoticeIssuingTests
{
    [Fact]
    public async Task Eight_issuers_at_once_number_200_notices_without_a_gap_or_a_duplicate()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = NoticeApp.Start(environment);
        var messaging = app.Services.GetRequiredService<ReliableMessaging>();

        // Each issuer also rolls one notice back: its number must be given back, not skipped.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using (var abandoned = await messaging.BeginAsync(CancellationToken.None))
                await NoticeIssuer.IssueAsync(abandoned, Requests.Rectification(), Requests.Now, CancellationToken.None);
            for (var i = 0; i < 25; i++)
            {
                await using var tx = await messaging.BeginAsync(CancellationToken.None);
                await NoticeIssuer.IssueAsync(tx, Requests.Rectification(), Requests.Now, CancellationToken.None);
                await tx.CommitAsync(CancellationToken.None);
            }
        })));

        await using var connection = environment.OpenConnection();
        var numbers = (await connection.QueryAsync<string>("SELECT document_no FROM notice.notices")).ToList();
        Assert.Equal(200, numbers.Count);
        Assert.Equal(Enumerable.Range(1, 200).Select(n => $"杭技评〔2026〕{n}号").Order(), numbers.Order());
    }

    [Fact]
    public async Task A_redelivered_or_repeated_request_issues_one_notice_and_one_NoticeIssued()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var issued = await environment.BindProbeQueueAsync(nameof(NoticeIssued));
        await using var app = NoticeApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        var request = Requests.Suspension();
        var messageId = NewId.NextGuid();

        await bus.PublishAsync(request, messageId);
        await bus.PublishAsync(request, messageId);          // a redelivery
        await bus.PublishAsync(request, NewId.NextGuid());   // the same request sent again
        await bus.PublishAsync(Requests.Suspension(region: "330203"));

        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM notice.notices"), n => n == 2, "two notices");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM notice.inbox WHERE consumer = 'IssueNoticeConsumer'"),
            n => n == 3, "every distinct message handled");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM notice.outbox"), n => n == 0, "the outbox to drain");
        var announced = await environment.DrainAtLeastAsync(issued, 2);
        Assert.Equal(["杭技评〔2026〕1号", "甬技评〔2026〕1号"], announced.Select(m => m.Message.GetProperty("documentNo").GetString()).Order());
        Assert.Single(announced, m => m.Message.GetProperty("requestId").GetGuid() == request.RequestId);
    }

    [Fact]
    public async Task The_PDF_text_layer_is_the_notice_in_Chinese()
    {
        var pdftotext = "/usr/bin/pdftotext";
        Assert.True(File.Exists(pdftotext), "pdftotext is missing: apt-get install -y poppler-utils (scripts/infra.sh up installs it)");
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = NoticeApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        await bus.PublishAsync(Requests.Rectification());
        using var client = app.Client(environment.Keys.Center);
        var list = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await client.GetStringAsync("api/v1/notices?org=S0001")).RootElement,
            l => l.GetArrayLength() == 1, "the notice");
        var id = list[0].GetProperty("noticeId").GetString();

        var json = JsonDocument.Parse(await client.GetStringAsync($"api/v1/notices/{id}")).RootElement;
        var pdf = await client.GetAsync($"api/v1/notices/{id}.pdf");
        Assert.True(pdf.IsSuccessStatusCode, await pdf.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Path.GetTempPath(), $"notice-{id}.pdf");
        await File.WriteAllBytesAsync(path, await pdf.Content.ReadAsByteArrayAsync());
        var text = await RunAsync(pdftotext, "-layout", path, "-");
        File.Delete(path);

        var flat = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        foreach (var expected in new[] { "杭州市技能人才评价管理服务中心文件", json.GetProperty("documentNo").GetString()!, "整改通知",
                     "杭州市西湖区某职业技能培训学校", "于2026年2月28日前完成整改", "考评员未从考评员库中随机抽取", "特此通知", json.GetProperty("issuedOn").GetString()! })
            Assert.Contains(expected, flat, StringComparison.Ordinal);
        var html = await client.GetStringAsync($"api/v1/notices/{id}.html");
        Assert.Contains("整改通知", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_center_reads_the_notices_of_its_jurisdiction_only_and_the_public_sees_suspensions_and_revocations_without_a_key()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = NoticeApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        await bus.PublishAsync(Requests.Termination(region: "330203"));
        await bus.PublishAsync(new OrgStatusChanged("S0009", OrgStatus.Active, OrgStatus.Suspended, "拒不整改", "P-1", Requests.Now));
        await bus.PublishAsync(new OrgStatusChanged("S0009", OrgStatus.Suspended, OrgStatus.Revoked, "第二次暂停", "P-2", Requests.Now.AddMonths(3)));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM notice.notices"), n => n == 1, "the notice");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM notice.catalogue_actions"), n => n == 2, "the catalogue actions");

        using var hangzhou = app.Client(environment.Keys.Center);
        Assert.Equal(0, JsonDocument.Parse(await hangzhou.GetStringAsync("api/v1/notices")).RootElement.GetArrayLength());
        using var province = app.Client(environment.Keys.Operator);
        var id = JsonDocument.Parse(await province.GetStringAsync("api/v1/notices")).RootElement[0].GetProperty("noticeId").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await hangzhou.GetAsync($"api/v1/notices/{id}")).StatusCode);

        using var anonymous = app.CreateClient();
        var catalogue = JsonDocument.Parse(await anonymous.GetStringAsync("api/v1/public/catalogue-actions")).RootElement;
        var entry = Assert.Single(catalogue.EnumerateArray());
        Assert.Equal(("S0009", "revoked", false), (entry.GetProperty("orgCode").GetString(), entry.GetProperty("status").GetString(), entry.GetProperty("inCatalogue").GetBoolean()));
        Assert.Equal(2, entry.GetProperty("history").GetArrayLength());
    }


    static async Task<string> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
