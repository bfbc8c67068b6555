using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

// The main job of the walking skeleton: file one plan at ingest, follow it through scoring to alerts and
// notice, and print what each service did. The demo-day issue replaces this with a generated exam period.
var ingest = new Uri(Environment.GetEnvironmentVariable("DEMO_INGEST") ?? "http://127.0.0.1:5100/");
var scoring = new Uri(Environment.GetEnvironmentVariable("DEMO_SCORING") ?? "http://127.0.0.1:5101/");
var alerts = new Uri(Environment.GetEnvironmentVariable("DEMO_ALERTS") ?? "http://127.0.0.1:5102/");
var notice = new Uri(Environment.GetEnvironmentVariable("DEMO_NOTICE") ?? "http://127.0.0.1:5103/");
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

// Keys issued by scripts/run.sh (ingest's `keys create` command): the platform writes, an operator reads.
var keysFile = Environment.GetEnvironmentVariable("DEMO_KEYS") ?? Path.Combine(".local", "keys.json");
var keys = JsonDocument.Parse(File.ReadAllText(keysFile)).RootElement;
var platformKey = new AuthenticationHeaderValue("Bearer", keys.GetProperty("platform").GetString());
var operatorKey = new AuthenticationHeaderValue("Bearer", keys.GetProperty("operator").GetString());

foreach (var service in new[] { ingest, scoring, alerts, notice })
    await WaitReadyAsync(service);

var planId = $"P-{DateTime.UtcNow:yyyyMMddHHmmss}-330106";
var plan = new
{
    planId,
    orgCode = "S3301060001",
    orgName = "杭州市西湖区某职业技能培训学校",
    orgKind = "social",
    regionCode = "330106",
    occupationCode = "4-03-02-01",
    occupationName = "中式烹调师",
    level = 4,
    candidateCount = 40,
    examStart = "2026-12-12T09:00:00+08:00",
    examEnd = "2026-12-12T17:00:00+08:00",
    siteCode = "KD330106001",
    siteRegistered = false,
    withinFiledScope = true,
    announcedAt = "2026-11-20T10:00:00+08:00",
};
Console.WriteLine($"POST {ingest}api/v1/plans  plan {planId} (杭州 西湖区, 中式烹调师 四级, exam site not registered)");
using var filing = new HttpRequestMessage(HttpMethod.Post, new Uri(ingest, "api/v1/plans")) { Content = JsonContent.Create(plan) };
filing.Headers.Authorization = platformKey;
var filed = await http.SendAsync(filing);
Console.WriteLine($"  ingest answered {(int)filed.StatusCode} {filed.StatusCode}: {await filed.Content.ReadAsStringAsync()}");
if (filed.StatusCode != HttpStatusCode.Accepted)
    return 1;

JsonDocument? score = null;
for (var attempt = 0; attempt < 150 && score is null; attempt++)
{
    // 401 until scoring has heard of the operator key from ingest, 404 until it has scored the plan.
    using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(scoring, $"api/v1/plans/{planId}/score"));
    read.Headers.Authorization = operatorKey;
    var response = await http.SendAsync(read);
    if (response.StatusCode == HttpStatusCode.OK)
        score = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    else
        await Task.Delay(200);
}
if (score is null)
{
    Console.Error.WriteLine("scoring did not score the plan within 30 s; see .local/logs/scoring.log");
    return 1;
}

var root = score.RootElement;
Console.WriteLine($"GET  {scoring}api/v1/plans/{planId}/score");
Console.WriteLine($"  score {root.GetProperty("score")} ({root.GetProperty("status").GetString()}, policy {root.GetProperty("policyVersion").GetString()})");
foreach (var indicator in root.GetProperty("indicators").EnumerateArray())
{
    Console.WriteLine($"    {indicator.GetProperty("indicator").GetString(),-22} {indicator.GetProperty("score"),5} / {indicator.GetProperty("weight")}");
    foreach (var deduction in indicator.GetProperty("deductions").EnumerateArray())
        Console.WriteLine($"      -{deduction.GetProperty("points")} {deduction.GetProperty("ruleId").GetString()}: {deduction.GetProperty("reason").GetString()}");
}

await Task.Delay(1000);
Console.WriteLine("Messages counted on /metrics:");
Console.WriteLine($"  ingest   accepted plans:                {await MetricAsync(ingest, "monitoring_ingest_requests_total", "accepted")}");
Console.WriteLine($"  scoring  consumed PlanFiled:            {await MetricAsync(scoring, "monitoring_messages_consumed_total", "PlanFiled")}");
Console.WriteLine($"  scoring  relayed PlanScored (outbox):    {await MetricAsync(scoring, "monitoring_outbox_relayed_total", "PlanScored")}");
Console.WriteLine($"  alerts   consumed PlanScored:           {await MetricAsync(alerts, "monitoring_messages_consumed_total", "PlanScored")}");
Console.WriteLine($"  notice   consumed PlanScored:           {await MetricAsync(notice, "monitoring_messages_consumed_total", "PlanScored")}");
return 0;

async Task WaitReadyAsync(Uri service)
{
    for (var attempt = 0; attempt < 300; attempt++)
    {
        try
        {
            if ((await http.GetAsync(new Uri(service, "health/ready"))).StatusCode == HttpStatusCode.OK)
                return;
        }
        catch (HttpRequestException)
        {
            // Still starting.
        }
        await Task.Delay(200);
    }
    throw new TimeoutException($"{service} did not become ready within 60 s");
}

// Sums the samples of one metric whose labels mention a value (a message type, an outcome).
async Task<double> MetricAsync(Uri service, string metric, string labelValue)
{
    var text = await http.GetStringAsync(new Uri(service, "metrics"));
    return Regex.Matches(text, "^" + Regex.Escape(metric) + @"\{([^}]*)\} (\S+)$", RegexOptions.Multiline)
        .Where(m => m.Groups[1].Value.Contains(labelValue, StringComparison.Ordinal))
        .Sum(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
}
