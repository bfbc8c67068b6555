using System.Net;
using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Calendar;
using Monitoring.Scoring.Draws;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Policies;
using Monitoring.Testing;
using Xunit;
using static Monitoring.Scoring.Tests.Facts;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// Examiner draws (issue 17; 浙技评〔2023〕20号 二（五）: 考评人员派遣需通过职业能力一体化平台在考评员库中随机抽取). First the test of
/// "not random in effect" as a table a domain expert can read: the chances of the org's plans in the window to draw a
/// given pool examiner, how many plans the examiner was drawn into, and whether that is a finding; then the window
/// as the database builds it from real messages, and the breach it raises.
/// </summary>
public sealed class ExaminerDrawTests
{
    public sealed record Row(string Case, double[] Chances, int Examiners, int Times, bool Finding, double Alpha = 0.001, int Minimum = 3)
    {
        public override string ToString() => Case;
    }

    static Row R(string @case, double[] chances, int examiners, int times, bool finding, double alpha = 0.001, int minimum = 3) =>
        new(@case, chances, examiners, times, finding, alpha, minimum);

    static double[] Plans(int count, double chance) => [.. Enumerable.Repeat(chance, count)];

    public static TheoryData<Row> Draws() =>
    [
        // The threshold: 0.001 divided by the examiners tested. Even chances make the tails exact: 2⁻¹⁰, 2⁻⁹, 2⁻³.
        R("in all 10 plans at even chances: 1/1024, below 0.001", Plans(10, 0.5), 1, 10, true),
        R("in all 9 plans at even chances: 1/512, not below 0.001", Plans(9, 0.5), 1, 9, false),
        R("in all 10 plans at even chances, 2 examiners tested: 1/1024, not below 0.0005", Plans(10, 0.5), 2, 10, false),
        R("in all 3 plans at even chances, the threshold exactly 1/8: not below it", Plans(3, 0.5), 1, 3, false, alpha: 0.125),
        R("in all 3 plans at even chances, the threshold just above 1/8", Plans(3, 0.5), 1, 3, true, alpha: 0.1251),

        // The minimum number of draws, whatever the pool.
        R("2 of 2 plans from pools of 10,000: improbable, but fewer than 3", Plans(2, 3 / 10_000.0), 6, 2, false),
        R("3 of 3 plans from pools of 10,000", Plans(3, 3 / 10_000.0), 9, 3, true),
        R("3 of 3 plans from pools of 10,000, the minimum set to 4", Plans(3, 3 / 10_000.0), 9, 3, false, minimum: 4),

        // What pools of their size make likely, or not.
        R("9 of 12 plans drawing 3 from 30 (1.7×10⁻⁷), 30 examiners tested", Plans(12, 0.1), 30, 9, true),
        R("9 of 12 plans drawing 3 from 30, 10,000 examiners tested", Plans(12, 0.1), 10_000, 9, false),
        R("in all 6 plans drawing 3 from a pool of 4: as random draws do", Plans(6, 0.75), 4, 6, false),
        R("3 of 100 plans drawing 1 from 100: about what chance gives", Plans(100, 0.01), 100, 3, false),
        R("3 of 3 plans, one of them from a pool of 2 and two from 300", [1.0, 0.01, 0.01], 7, 3, true),
        R("3 of 4 plans, one of them from a pool of 2 and three from 300", [1.0, 0.01, 0.01, 0.01], 7, 3, false),
    ];

    [Theory]
    [MemberData(nameof(Draws))]
    public void An_examiner_s_draws_are_a_finding_when_chance_explains_them_too_rarely(Row row)
    {
        var test = new DrawTest(TimeSpan.FromDays(365), row.Alpha, row.Minimum);

        var findings = test.Findings(new DrawWindow(row.Chances, row.Examiners, [("E1", row.Times)]));

        Assert.Equal(row.Finding, findings.Count == 1);
    }

    [Fact]
    public void The_tail_is_exact_against_every_outcome_counted_and_keeps_its_digits_when_tiny()
    {
        var random = new Random(17);
        var chances = Enumerable.Range(0, 12).Select(_ => random.NextDouble()).ToArray();
        for (var k = 0; k <= chances.Length + 1; k++)
        {
            var enumerated = 0.0;
            for (var outcome = 0; outcome < 1 << chances.Length; outcome++)
            {
                if (System.Numerics.BitOperations.PopCount((uint)outcome) < k)
                    continue;
                var p = 1.0;
                for (var i = 0; i < chances.Length; i++)
                    p *= (outcome & (1 << i)) != 0 ? chances[i] : 1 - chances[i];
                enumerated += p;
            }
            Assert.Equal(enumerated, DrawTest.UpperTail(chances, k), 1e-12);
        }

        // 9 or more of 12 at 1 in 10: Σ C(12, j) 0.1^j 0.9^(12−j) for j = 9…12.
        var binomial = 220 * Math.Pow(0.1, 9) * Math.Pow(0.9, 3) + 66 * Math.Pow(0.1, 10) * 0.81 + 12 * Math.Pow(0.1, 11) * 0.9 + Math.Pow(0.1, 12);
        Assert.Equal(1, DrawTest.UpperTail(Plans(12, 0.1), 9) / binomial, 12);
        Assert.Equal(1, DrawTest.UpperTail(Plans(30, 0.001), 30) / Math.Pow(0.001, 30), 9);
    }

    [Theory]
    [InlineData(1.6584e-7, "1.7×10⁻⁷")]
    [InlineData(3.3333e-5, "3.3×10⁻⁵")]
    [InlineData(9.96e-8, "1.0×10⁻⁷")]
    [InlineData(0.5, "5.0×10⁻¹")]
    public void Probabilities_read_in_scientific_notation(double probability, string text) =>
        Assert.Equal(text, DrawTest.Scientific(probability));

    [Fact]
    public async Task The_warning_explains_the_finding_with_its_numbers()
    {
        var raw = new RawFacts(Plan("P-EXPLAIN"), null, null, [new("E1", ExaminerSource.Pool, null, false)], null, null, ResultAggregate.None, [], [],
            SurveyAggregate.None, null, [])
        {
            PoolSize = 30,
            Draws = new DrawWindow(Plans(12, 0.1), 30, [("E1", 9), ("E2", 2)]),
        };

        var facts = new FactsBuilder(WorkingCalendar.Official()).Build(raw, T("2026-11-20T00:00:00+08:00"));
        var evaluation = await new CompiledPolicy(DefaultPolicy.Document()).EvaluateAsync(facts);

        const string evidence = "考评员E1在近365天该机构的12个认定计划中被抽中9次；按考评员库规模随机抽取，期望约1.2次，出现9次及以上的概率约为1.7×10⁻⁷，"
            + "低于判定阈值3.3×10⁻⁵（0.001÷该机构近365天被抽取的30名考评员）";
        Assert.Equal(1, facts.NonRandomDraws);
        Assert.Equal(evidence, facts.Evidence[nameof(PlanFacts.NonRandomDraws)]);
        var warning = Assert.Single(evaluation.Conclusions.OfType<WarningConclusion>());
        Assert.Equal(("staff.draw-not-random", "examiner-draw-not-random", WarningLevel.Orange), (warning.RuleId, warning.Kind, warning.Level));
        Assert.Equal(DefaultPolicy.Document().Indicators.SelectMany(i => i.Rules).Single(r => r.Id == "staff.draw-not-random").Reason + "。" + evidence,
            warning.Reason);
    }

    /// <summary>
    /// One org's plans over 2025–2026, examiner E drawn into most of them from pools of 100, through the real broker and
    /// database. E's draws into the org's plans P1, P2 and P4 (3 × 3 of 100) are a finding on P4 and, with P5, on P5; what
    /// the window leaves out: P0 (more than 365 days before), P3 (no pool size reported), another org's plan, and for P4
    /// the later P5. P4 and P5 are dispatched first: P1's and P2's dispatches then rescore them. Each breach is raised once.
    /// </summary>
    [Fact]
    public async Task An_examiner_sent_to_most_of_an_org_s_plans_from_a_large_pool_raises_one_breach_on_each_plan_that_completes_the_pattern()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);

        (string PlanId, string Org, string ExamStart, int? PoolSize, DispatchedExaminer[] Examiners)[] plans =
        [
            ("P-DRAW-0", "S3301060001", "2025-01-05T09:00:00+08:00", 100, [Pool("E"), Pool("Z1"), Pool("Z2")]),
            ("P-DRAW-1", "S3301060001", "2026-01-10T09:00:00+08:00", 100, [Pool("E"), Pool("A1"), Pool("A2")]),
            ("P-DRAW-2", "S3301060001", "2026-03-10T09:00:00+08:00", 100, [Pool("E"), Pool("B1"), Pool("B2")]),
            ("P-DRAW-3", "S3301060001", "2026-05-10T09:00:00+08:00", null, [Pool("E"), Pool("C1"), Shortage("C2")]),
            ("P-DRAW-4", "S3301060001", "2026-07-10T09:00:00+08:00", 100, [Pool("E"), Pool("D1"), Pool("D2")]),
            ("P-DRAW-5", "S3301060001", "2026-09-10T09:00:00+08:00", 100, [Pool("E"), Pool("F2"), Shortage("F3")]),
            ("P-OTHER-1", "S3301060002", "2026-06-10T09:00:00+08:00", 100, [Pool("E"), Pool("G1"), Pool("G2")]),
        ];
        foreach (var plan in plans)
            await bus.PublishAsync(Plan(plan.PlanId, examStart: T(plan.ExamStart)) with { OrgCode = plan.Org });
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_scores"), n => n == plans.Length, "the plans' first scores",
            context: () => app.Logs);
        async Task DispatchAsync(params string[] planIds)
        {
            foreach (var plan in plans.Where(p => planIds.Contains(p.PlanId)))
                await bus.PublishAsync(new ExaminersDispatched(plan.PlanId, plan.Examiners) { PoolSize = plan.PoolSize, SchemaVersion = 2 });
        }

        // P4 and P5 first: E is only in them (and in plans that do not count) yet.
        await DispatchAsync("P-DRAW-0", "P-DRAW-3", "P-DRAW-4", "P-DRAW-5", "P-OTHER-1");
        await SettledAsync(environment, dispatches: 5);
        Assert.Empty(await StaffRulesAsync(app, environment, "P-DRAW-4"));
        Assert.Equal(["staff.unfounded-pool-shortage"], await StaffRulesAsync(app, environment, "P-DRAW-5"));

        await DispatchAsync("P-DRAW-1", "P-DRAW-2");
        await SettledAsync(environment, dispatches: 7);
        await using (var connection = environment.OpenConnection())
        {
            await connection.ExecuteAsync("SET search_path TO scoring");
            var loaded = (await FactStore.LoadManyAsync(connection, null, [.. plans.Select(p => p.PlanId)], CancellationToken.None))
                .ToDictionary(r => r.Plan.PlanId);
            // The window of each plan one of whose examiners reached 3 draws (the others are not weighed): the chances of its
            // org's plans, the pool examiners among them, and how many of them the plan's own examiners were drawn into.
            Assert.Equal("3 plans, 7 examiners: D1 1, D2 1, E 3", Window(loaded["P-DRAW-4"]));
            Assert.Equal("4 plans, 8 examiners: E 4, F2 1", Window(loaded["P-DRAW-5"]));
            Assert.Equal([0.03, 0.03, 0.03, 0.02], loaded["P-DRAW-5"].Draws!.Chances);
            Assert.All(["P-DRAW-0", "P-DRAW-1", "P-DRAW-2", "P-DRAW-3", "P-OTHER-1"], planId => Assert.Equal("none", Window(loaded[planId])));
        }

        Assert.Equal(["staff.draw-not-random"], await StaffRulesAsync(app, environment, "P-DRAW-4"));
        Assert.Equal(["staff.unfounded-pool-shortage", "staff.draw-not-random"], await StaffRulesAsync(app, environment, "P-DRAW-5"));
        foreach (var planId in new[] { "P-DRAW-0", "P-DRAW-1", "P-DRAW-2", "P-DRAW-3", "P-OTHER-1" })
            Assert.Empty(await StaffRulesAsync(app, environment, planId));

        var raised = await environment.DrainAtLeastAsync(breaches, 3);
        Assert.Equal(["P-DRAW-4 examiner-draw-not-random orange", "P-DRAW-5 examiner-draw-not-random orange", "P-DRAW-5 unfounded-pool-shortage orange"],
            raised.Select(m => $"{m.Message.GetProperty("planId").GetString()} {m.Message.GetProperty("kind").GetString()} {m.Message.GetProperty("level").GetString()}").Order());
        var message = raised.Single(m => m.Message.GetProperty("planId").GetString() == "P-DRAW-4").Message.GetProperty("message").GetString();
        Assert.Contains("考评员E在近365天该机构的3个认定计划中被抽中3次；按考评员库规模随机抽取，期望约0.09次，出现3次及以上的概率约为2.7×10⁻⁵", message);

        // Another fact rescores P4: the breach is not raised again.
        await bus.PublishAsync(new PaperUsed("P-DRAW-4", PaperBank.National, 0, true, false));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_papers"), n => n == 1, "the paper");
        await SettledAsync(environment, dispatches: 7);
        Assert.Empty(await environment.DrainAsync(breaches));
    }

    /// <summary>
    /// Dispatches can come before their plans' filings (other queues): a draw counts once its plan is filed, and the
    /// filing rescores the org's later plans. Here P3's window fills only as P1 and P2 are filed, after P3 was scored.
    /// </summary>
    [Fact]
    public async Task Draws_dispatched_before_their_plans_are_filed_count_once_the_plans_are_filed()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);

        string[] planIds = ["P-EARLY-DRAW-1", "P-EARLY-DRAW-2", "P-EARLY-DRAW-3"];
        foreach (var (planId, n) in planIds.Select((p, n) => (p, n)))
            await bus.PublishAsync(new ExaminersDispatched(planId, [Pool("E"), Pool($"X{n}"), Pool($"Y{n}")]) { PoolSize = 100, SchemaVersion = 2 });
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_pool_draws WHERE org_code IS NULL"), n => n == 9,
            "the draws of plans not filed yet");

        await bus.PublishAsync(Plan("P-EARLY-DRAW-3", examStart: T("2026-05-10T09:00:00+08:00")));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_scores"), n => n == 1, "the first plan's score");
        await SettledAsync(environment, dispatches: 3);
        Assert.Empty(await StaffRulesAsync(app, environment, "P-EARLY-DRAW-3"));

        await bus.PublishAsync(Plan("P-EARLY-DRAW-1", examStart: T("2026-03-10T09:00:00+08:00")));
        await bus.PublishAsync(Plan("P-EARLY-DRAW-2", examStart: T("2026-04-10T09:00:00+08:00")));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_pool_draws WHERE org_code IS NOT NULL"), n => n == 9,
            "the draws of the filed plans");
        await SettledAsync(environment, dispatches: 3);

        Assert.Equal(["staff.draw-not-random"], await StaffRulesAsync(app, environment, "P-EARLY-DRAW-3"));
        var raised = Assert.Single(await environment.DrainAtLeastAsync(breaches, 1));
        Assert.Equal("P-EARLY-DRAW-3", raised.Message.GetProperty("planId").GetString());
    }

    static DispatchedExaminer Pool(string id) => new(id, ExaminerSource.Pool, null, false);

    static DispatchedExaminer Shortage(string id) => new(id, ExaminerSource.InternalEmergency, EmergencyDrawReason.PoolShortage, false);

    static string Window(RawFacts raw) => raw.Draws is not { } draws ? "none"
        : $"{draws.Chances.Count} plans, {draws.Examiners} examiners: {string.Join(", ", draws.Drawn.Select(d => $"{d.ExaminerId} {d.Times}"))}";

    /// <summary>Every dispatch stored, every rescore it asked for done, every announcement relayed.</summary>
    static async Task SettledAsync(TestEnvironment environment, int dispatches)
    {
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.plan_examiners"), n => n == dispatches, "the dispatches");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.rescore_queue WHERE due_at <= now() + interval '1 second'"),
            n => n == 0, "the rescores to be done");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
    }

    /// <summary>The exam-staff rules that deduct from the plan's latest score, in the policy's order.</summary>
    static async Task<IReadOnlyList<string>> StaffRulesAsync(ScoringApp app, TestEnvironment environment, string planId)
    {
        using var client = app.Client(environment.Keys.Operator);
        var response = await client.GetAsync($"api/v1/plans/{planId}/score");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var score = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. score.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("indicator").GetString() == "exam-staff")
            .SelectMany(i => i.GetProperty("deductions").EnumerateArray().Select(d => d.GetProperty("ruleId").GetString()!))];
    }
}
