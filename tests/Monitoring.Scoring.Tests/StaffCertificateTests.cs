using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

/// <summary>
/// 三(二) 查处工作人员违规获证: a certificate issued in an org's plan to someone who served the org's plans in the period
/// (examiner, supervisor or exam staff), or the very plan, costs the certificate's plan 5 points under result management
/// and raises a red warning. People are matched by the keyed hash of their 身份证号, through every hash they are known by.
/// </summary>
public sealed class StaffCertificateTests
{
    const string Org = "S3301060001";
    static readonly DateTimeOffset Exam = Facts.T("2026-11-02T09:00:00+08:00");

    static PlanStaffed Staffed(string planId, string personHash, StaffRole role = StaffRole.Examiner, params string[] previousHashes) =>
        new(planId, null, null, [new ExamRoom("R1", ExamKind.Theory, 20, ["E1", "E2"])],
        [
            new StaffMember("E1", StaffRole.Examiner, role == StaffRole.Examiner ? personHash : "hash-examiner-e1", null, "4-03-02-01", 3)
            {
                PreviousPersonHashes = role == StaffRole.Examiner ? previousHashes : [],
            },
            new StaffMember("E2", StaffRole.Examiner, "hash-examiner-e2", null, "4-03-02-01", 3),
            new StaffMember("D1", StaffRole.Supervisor, role == StaffRole.Supervisor ? personHash : "hash-supervisor-d1", null, null, null),
        ]);

    static IssuedCertificate Certificate(string no, string planId, string hash, params string[] previousHashes) =>
        new(no, hash, planId, "4-03-02-01", 4, Facts.T("2026-11-20T10:00:00+08:00")) { PreviousCandidateHashes = previousHashes };

    static IReadOnlyList<JsonElement> Deductions(JsonElement score, string ruleId) =>
        [.. score.GetProperty("indicators").EnumerateArray().SelectMany(i => i.GetProperty("deductions").EnumerateArray())
            .Where(d => d.GetProperty("ruleId").GetString() == ruleId)];

    [Fact]
    public async Task A_certificate_to_an_examiner_of_the_orgs_plan_hashed_before_a_key_rotation_is_found_through_the_retired_hash()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        await bus.PublishAsync(Facts.Plan("P-SERVED", examStart: Exam));
        await bus.PublishAsync(Facts.Plan("P-CERTIFIED", examStart: Exam.AddDays(30)));
        await bus.PublishAsync(Facts.Plan("P-OTHER-ORG", examStart: Exam.AddDays(30)) with { OrgCode = "S3301060002" });
        await bus.PublishAsync(Facts.Plan("P-YEARS-LATER", examStart: Exam.AddDays(400)));
        // The examiner served P-SERVED before the rotation: known by the old key's hash only.
        await bus.PublishAsync(Staffed("P-SERVED", "k1:examiner"));
        var before = (await ScoringPipelineTests.ScoreAsync(app, environment, "P-CERTIFIED", _ => true)).GetProperty("score").GetDecimal();

        // During the rotation, certificates carry the new key's hash and the old one's.
        await bus.PublishAsync(new CertificatesIssued(
        [
            Certificate("Y330100012026040000021", "P-CERTIFIED", "k2:examiner", "k1:examiner"),
            Certificate("Y330100012026040000022", "P-OTHER-ORG", "k2:examiner", "k1:examiner"),
            Certificate("Y330100012026040000023", "P-YEARS-LATER", "k2:examiner", "k1:examiner"),
        ]));

        var certified = await ScoringPipelineTests.ScoreAsync(app, environment, "P-CERTIFIED", s => s == before - 5);
        var deduction = Assert.Single(Deductions(certified, "results.staff-certified"));
        Assert.Equal(5m, deduction.GetProperty("points").GetDecimal());
        Assert.Equal("证书Y330100012026040000021的持有人曾任本机构认定计划P-SERVED的考评人员", deduction.GetProperty("evidence").GetString());
        var warning = (await environment.DrainAtLeastAsync(breaches, 1)).Single(m => m.Message.GetProperty("ruleId").GetString() == "results.staff-certified");
        Assert.Equal(("P-CERTIFIED", "red", "330106"), (warning.Message.GetProperty("planId").GetString(), warning.Message.GetProperty("level").GetString(),
            warning.Message.GetProperty("regionCode").GetString()));

        // The explanation shows it too, beside the facts the rule read.
        using var operatorClient = app.Client(environment.Keys.Operator);
        var explanation = JsonDocument.Parse(await operatorClient.GetStringAsync("api/v1/plans/P-CERTIFIED/score/explain")).RootElement;
        var explained = explanation.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "results.staff-certified");
        Assert.Equal((true, 1), (explained.GetProperty("held").GetBoolean(), explained.GetProperty("facts").GetProperty("certifiedStaff").GetInt32()));
        Assert.Equal(deduction.GetProperty("evidence").GetString(), explained.GetProperty("evidence").GetString());

        // Another org's plan, and the org's plan more than a year on, are not "its staff in the same period".
        foreach (var planId in new[] { "P-OTHER-ORG", "P-YEARS-LATER" })
            Assert.Empty(Deductions(await ScoringPipelineTests.ScoreAsync(app, environment, planId, _ => true), "results.staff-certified"));
    }

    [Fact]
    public async Task A_staffing_that_comes_after_the_certificate_rescores_the_certificates_plan_and_the_very_plan_counts()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        await bus.PublishAsync(Facts.Plan("P-SELF", examStart: Exam));
        await bus.PublishAsync(new CertificatesIssued([Certificate("Y330100012026040000031", "P-SELF", "hash-supervisor")]));
        var before = (await ScoringPipelineTests.ScoreAsync(app, environment, "P-SELF", _ => true)).GetProperty("score").GetDecimal();
        Assert.Empty(Deductions(await ScoringPipelineTests.ScoreAsync(app, environment, "P-SELF", _ => true), "results.staff-certified"));

        // The plan's own quality supervisor holds the certificate.
        await bus.PublishAsync(Staffed("P-SELF", "hash-supervisor", StaffRole.Supervisor));

        var certified = await ScoringPipelineTests.ScoreAsync(app, environment, "P-SELF", s => s == before - 5);
        Assert.Equal("证书Y330100012026040000031的持有人曾任本机构认定计划P-SELF的质量督导人员",
            Assert.Single(Deductions(certified, "results.staff-certified")).GetProperty("evidence").GetString());
    }
}
