using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Console.Tests;

/// <summary>
/// The console in a browser against the real services after a small demo day: a Hangzhou clerk works the day, an operator
/// switches region, and every view keeps to the accessible basics at 1280 px and 390 px.
/// </summary>
public sealed class CenterConsoleTests(DemoDayConsole day) : IClassFixture<DemoDayConsole>
{
    [Fact]
    public async Task The_Hangzhou_center_sees_its_warnings_acknowledges_one_refuses_a_rectification_suspends_the_org_opens_the_notice_and_cannot_open_a_Ningbo_plan()
    {
        var keys = day.Environment.Keys;
        var page = await day.NewPageAsync();
        var visited = new List<string>();
        page.Request += (_, request) => visited.Add(request.Url);

        await page.GotoAsync("warnings");
        Assert.EndsWith("/signin", page.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "01-sign-in", main: true);

        // A wrong key and the platform's key are refused in words.
        await page.GetByLabel("API 密钥").FillAsync("mk_not-a-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("密钥无效");
        await page.GetByLabel("API 密钥").FillAsync(keys.Platform);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("一体化平台");

        await DemoDayConsole.SignInAsync(page, keys.Center);
        await Assertions.Expect(page.GetByTestId("viewing")).ToHaveTextAsync("杭州市");

        // Exactly Hangzhou's unresolved warnings, as alerts answers them to the Hangzhou key.
        var expected = (await day.WarningsAsync(keys.Center, "330100")).Where(w => w.GetProperty("status").GetString() != "resolved").ToList();
        Assert.NotEmpty(expected);
        var rows = page.Locator("#warnings tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
        var regions = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.region)");
        Assert.All(regions, r => Assert.StartsWith("3301", r, StringComparison.Ordinal));
        Assert.Equal(expected.Select(w => w.GetProperty("warningId").GetString()).Order(),
            (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.warning)")).Order());
        await Screenshots.TakeAsync(page, "02-warnings", main: true);

        // Acknowledge the first one; alerts has it acknowledged by this key.
        var first = rows.First;
        var warningId = await first.GetAttributeAsync("data-warning");
        await first.Locator("button", new() { HasText = "确认收到" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已确认收到");
        await Assertions.Expect(page.Locator($"tr[data-warning='{warningId}'] td[data-label='状态']")).ToHaveTextAsync("已确认收到");
        var acknowledged = (await day.WarningsAsync(keys.Center, "330100")).Single(w => w.GetProperty("warningId").GetString() == warningId);
        Assert.Equal("acknowledged", acknowledged.GetProperty("status").GetString());

        await page.Locator($"tr[data-warning='{warningId}']").GetByRole(AriaRole.Link, new() { NameRegex = new("^处理记录") }).ClickAsync();
        await Assertions.Expect(page.Locator("table.list tbody")).ToContainTextAsync("确认收到");
        await Assertions.Expect(page.Locator("table.list tbody")).ToContainTextAsync("test-center-hangzhou");
        await Screenshots.TakeAsync(page, "03-warning-history");

        // The failing plan's score, with every deduction's rule, reason and legal basis.
        var plan = day.HangzhouFailing;
        await page.GetByRole(AriaRole.Link, new() { Name = "认定计划", Exact = true }).ClickAsync();
        await page.GetByLabel("计划编号").FillAsync(plan.PlanId);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询评分" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("score")).ToHaveTextAsync(plan.ExpectedScore.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("score-status")).ToContainTextAsync("最终评分");
        var score = JsonDocument.Parse(await day.Scoring.Http.GetStringAsync($"api/v1/plans/{plan.PlanId}/score")).RootElement;
        var deductions = score.GetProperty("indicators").EnumerateArray().SelectMany(i => i.GetProperty("deductions").EnumerateArray()).ToList();
        await Assertions.Expect(page.Locator("#deductions tbody tr")).ToHaveCountAsync(deductions.Count);
        foreach (var deduction in deductions)
        {
            var row = page.Locator("#deductions tbody tr", new() { HasText = deduction.GetProperty("ruleId").GetString() });
            await Assertions.Expect(row).ToContainTextAsync(deduction.GetProperty("reason").GetString()!);
            if (deduction.GetProperty("legalBasis").GetString() is { } basis)
                await Assertions.Expect(row).ToContainTextAsync(basis);
        }
        await Screenshots.TakeAsync(page, "04-plan", main: true);

        // Review its rectification as refused: the page says what that does before it is confirmed.
        await page.GetByRole(AriaRole.Link, new() { Name = "整改任务", Exact = true }).ClickAsync();
        await Screenshots.TakeAsync(page, "05-tasks");
        await page.Locator($"tr[data-plan='{plan.PlanId}']").GetByRole(AriaRole.Link, new() { NameRegex = new("^审核") }).ClickAsync();
        await page.GetByLabel("拒不整改").CheckAsync();
        await page.GetByLabel("审核人").FillAsync("张科长");
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步：查看审核后果" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("consequence")).ToContainTextAsync("暂停评价活动");
        Assert.Equal("active", JsonDocument.Parse(await day.Alerts.Http.GetStringAsync($"api/v1/orgs/{plan.OrgCode}")).RootElement.GetProperty("status").GetString());
        await Screenshots.TakeAsync(page, "06-review-consequence", main: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交审核结论" }).ClickAsync();

        // The org page: suspended, with the suspension in its history, and the suspension notice once notice issued it.
        await page.WaitForURLAsync($"**/orgs/{plan.OrgCode}");
        await Assertions.Expect(page.GetByTestId("org-status")).ToHaveTextAsync("已暂停评价活动");
        await Assertions.Expect(page.Locator("#org-history")).ToContainTextAsync("拒不整改");
        await Eventually.ReturnsAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("tr[data-kind='suspension']").CountAsync();
        }, n => n == 1, "the suspension notice on the org's page", context: () => day.Notice.Output);
        await Screenshots.TakeAsync(page, "07-org", main: true);

        await page.GetByRole(AriaRole.Link, new() { Name = "书面通知", Exact = true }).ClickAsync();
        var suspension = page.Locator($"tr[data-kind='suspension'][data-org='{plan.OrgCode}']");
        await Assertions.Expect(suspension).ToHaveCountAsync(1);
        await Assertions.Expect(suspension.Locator("td[data-label='文号']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^杭技评〔\d{4}〕\d+号$"));
        await Screenshots.TakeAsync(page, "08-notices", main: true);

        // The PDF opens through the console with the session alone: the link carries the notice's id, never the key.
        var href = await suspension.GetByRole(AriaRole.Link, new() { NameRegex = new("^打开PDF") }).GetAttributeAsync("href");
        var pdf = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "终止建议", Exact = true }).ClickAsync();
        await Screenshots.TakeAsync(page, "09-terminations");

        // Another city's plan is refused, and the page says why.
        var ningbo = await page.GotoAsync($"plans/{day.Ningbo.PlanId}");
        Assert.Equal((int)HttpStatusCode.Forbidden, ningbo!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("无权查看");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("宁波市");
        await Screenshots.TakeAsync(page, "10-forbidden", main: true);

        // The key went into one form post and nowhere else: no address, no log of the console or of any service.
        Assert.DoesNotContain(visited, url => url.Contains(keys.Center, StringComparison.Ordinal));
        foreach (var process in day.Processes)
            Assert.DoesNotContain(keys.Center, process.Output, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await page.GotoAsync("warnings");
        Assert.EndsWith("/signin", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "console-session");
    }

    [Fact]
    public async Task An_operator_sees_the_whole_province_switches_to_Ningbo_and_opens_its_plan()
    {
        var page = await day.NewPageAsync();
        await DemoDayConsole.SignInAsync(page, day.Environment.Keys.Operator);
        await Assertions.Expect(page.GetByTestId("viewing")).ToHaveTextAsync("浙江省（全省）");
        var cities = (await page.Locator("#warnings tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.region)"))
            .Select(r => r[..4]).Distinct().ToList();
        Assert.True(cities.Count > 1, $"the province's warnings come from several cities, found {string.Join(", ", cities)}");

        await page.GetByLabel("切换地区").SelectOptionAsync("330200");
        await page.GetByRole(AriaRole.Button, new() { Name = "切换", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("viewing")).ToHaveTextAsync("宁波市");
        var regions = await page.Locator("#warnings tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.region)");
        Assert.All(regions, r => Assert.StartsWith("3302", r, StringComparison.Ordinal));
        await Screenshots.TakeAsync(page, "11-operator-ningbo", main: true);

        var response = await page.GotoAsync($"plans/{day.Ningbo.PlanId}");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByTestId("score")).ToHaveTextAsync(day.Ningbo.ExpectedScore.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Every_view_labels_its_controls_fits_the_width_and_works_from_the_keyboard(int width)
    {
        var page = await day.NewPageAsync(width, 844);
        // Keyboard only: the key field has the focus on arrival; typing and Enter sign in.
        await page.GotoAsync("signin");
        // Autofocus lands on the field as the page settles: typing before it did would type into nothing.
        await Assertions.Expect(page.GetByLabel("API 密钥")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(day.Environment.Keys.Center);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/warnings");
        // The first Tab reaches the skip link, which takes the focus to the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("跳到主要内容", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));

        var plan = day.HangzhouFailing;
        var warningId = (await day.WarningsAsync(day.Environment.Keys.Center, "330100"))[0].GetProperty("warningId").GetString();
        string[] views = ["warnings", $"warnings/{warningId}/history", $"plans/{plan.PlanId}", "tasks", "terminations", "notices", $"orgs/{plan.OrgCode}", "plans", "orgs"];
        foreach (var view in views)
        {
            await page.GotoAsync(view);
            var unlabelled = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]')]
                    .filter(el => {
                        const labelled = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.textContent.trim();
                        return !labelled;
                    })
                    .map(el => el.outerHTML.slice(0, 120))
                """);
            Assert.True(unlabelled.Length == 0, $"{view} at {width} px has controls without a label: {string.Join("; ", unlabelled)}");
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{view} at {width} px is {overflow} px wider than the window");
            Assert.Equal(1, await page.Locator("h1").CountAsync());
        }
        if (width == 390)
        {
            await page.GotoAsync("warnings");
            await Screenshots.TakeAsync(page, "12-warnings-390", main: true);
            await page.GotoAsync($"plans/{plan.PlanId}");
            await Screenshots.TakeAsync(page, "13-plan-390", main: true);
        }
    }
}
