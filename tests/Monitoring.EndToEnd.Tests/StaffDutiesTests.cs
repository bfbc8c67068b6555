using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>
/// Issue 21's duties of 浙技评〔2023〕20号 through the four services: qualified and sufficient staff (一(一)), no delegation to
/// another org (三(一)), the evidence of reviewed applicants (二(三)), self-built papers reviewed and filed (二(四)), and staff
/// certified in their org's plans (三(二)). Plans of 西湖区 (<see cref="Plans.Filed"/>: org S3301060001, 中式烹调师 level 4,
/// 40 candidates, exam 2026-12-12).
/// </summary>
public sealed class StaffDutiesTests
{
    const string Org = "S3301060001";

    [Fact]
    public async Task A_certificate_issued_to_an_examiner_of_another_plan_of_the_org_costs_its_plan_5_in_result_management_with_a_red_warning()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var pipeline = await Pipeline.StartAsync(environment);
        var (scoring, alerts, _, ingest) = pipeline;
        async Task PostAsync(string path, object body) => Assert.Equal(HttpStatusCode.Accepted, (await ingest.Http.PostAsJsonAsync(path, body)).StatusCode);

        // The examiner served the org's December plan; another org's plan had an examiner of its own. The org's January plan
        // certifies both of them and a candidate who never served: only the org's own examiner is a finding.
        var examiner = Number("33010319800101001");
        var otherOrgsExaminer = Number("33010419810202002");
        var candidate = Number("33010619990303003");
        await PostAsync("api/v1/plans", Plans.Filed("P-SD-SERVED"));
        await PostAsync("api/v1/plans", Filed("P-SD-OTHER-ORG", orgCode: "S3301060002"));
        await PostAsync("api/v1/plans", Filed("P-SD-CERTIFYING", examDay: "2027-01-16"));
        await PostAsync("api/v1/plans/P-SD-SERVED/staffing", Staffing(examiners: [("E-SD-1", examiner), ("E-SD-2", Number("33010319700404004")), ("E-SD-3", Number("33010419750505005"))]));
        await PostAsync("api/v1/plans/P-SD-OTHER-ORG/staffing", Staffing(orgCode: "S3301060002", examiners: [("E-SD-4", otherOrgsExaminer), ("E-SD-5", Number("33010319720606006")), ("E-SD-6", Number("33010419730707007"))]));
        // S, the org's last four digits, 33, the site 330106, 27, the level 4, a serial.
        const string examinersCertificate = "S000133330106274000001";
        await PostAsync("api/v1/certificates", new
        {
            certificates = new[]
            {
                Certificate(examinersCertificate, examiner),
                Certificate("S000133330106274000002", otherOrgsExaminer),
                Certificate("S000133330106274000003", candidate),
            },
        });

        var warnings = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await alerts.Http.GetStringAsync("api/v1/warnings?region=330100")).RootElement
                .EnumerateArray().Select(w => $"{w.GetProperty("planId").GetString()} {w.GetProperty("kind").GetString()} {w.GetProperty("level").GetString()}")
                .Where(w => w.Contains("staff-certified", StringComparison.Ordinal)).ToList(),
            w => w.Count > 0, "the staff-certified warning", context: () => alerts.Output + scoring.Output);
        Assert.Equal(["P-SD-CERTIFYING staff-certified red"], warnings);

        var results = (await ScoreAsync(scoring, "P-SD-CERTIFYING", s => Indicator(s, "result-management").GetProperty("score").GetDecimal() < 10))
            .GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == "result-management");
        Assert.Equal(5m, results.GetProperty("score").GetDecimal());
        var deduction = Assert.Single(results.GetProperty("deductions").EnumerateArray());
        Assert.Equal(("results.staff-certified", 5m), (deduction.GetProperty("ruleId").GetString(), deduction.GetProperty("points").GetDecimal()));
        var evidence = deduction.GetProperty("evidence").GetString()!;
        Assert.Contains(examinersCertificate, evidence, StringComparison.Ordinal);
        Assert.Contains("P-SD-SERVED的考评人员", evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("S000133330106274000002", evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("P-SD-OTHER-ORG", evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_properly_staffed_plan_with_verified_evidence_and_an_approved_paper_scores_as_without_them_and_10_less_at_another_orgs_site()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var pipeline = await Pipeline.StartAsync(environment);
        var (scoring, alerts, _, ingest) = pipeline;
        async Task PostAsync(string path, object body) => Assert.Equal(HttpStatusCode.Accepted, (await ingest.Http.PostAsJsonAsync(path, body)).StatusCode);

        // The same plan three times: as the platform sent it before issue 21; with who staffed it, the evidence of every
        // sampled applicant (each group's least that is enough) and the paper's review and filing; and with all that, but
        // held at a site another org operates, with no filing that allows it.
        var examiners = new[] { ("E-SD-1", Number("33010319800101001")), ("E-SD-2", Number("33010419700404004")), ("E-SD-3", Number("33010319750505005")) };
        foreach (var (planId, reported, siteOperator) in new[] { ("P-SD-PLAIN", false, Org), ("P-SD-FULL", true, Org), ("P-SD-DELEGATED", true, "S3301060009") })
        {
            await PostAsync("api/v1/plans", Plans.Filed(planId));
            await PostAsync($"api/v1/plans/{planId}/qualification-review", reported
                ? new { sampled = 10, nonQualifying = 0, reviewedAt = "2026-12-01T10:00:00+08:00", records = VerifiedRecords }
                : (object)new { sampled = 10, nonQualifying = 0, reviewedAt = "2026-12-01T10:00:00+08:00" });
            await PostAsync($"api/v1/plans/{planId}/examiners", new
            {
                examiners = examiners.Select(e => new { examinerId = e.Item1, source = "pool", reason = (string?)null, trainedTheseCandidates = false }).ToArray(),
                poolSize = 40,
            });
            await PostAsync($"api/v1/plans/{planId}/papers", reported
                ? new { bank = "self-built", reusedItems = 0, theoryOnComputer = true, paperExamApproved = false, expertReviewed = true, filedAt = "2026-11-20T10:00:00+08:00" }
                : (object)new { bank = "self-built", reusedItems = 0, theoryOnComputer = true, paperExamApproved = false });
            await PostAsync($"api/v1/plans/{planId}/execution", new
            {
                actualStart = "2026-12-12T09:00:00+08:00", actualEnd = "2026-12-12T17:00:00+08:00", siteCode = "KD330106001", candidatesPresent = 40,
            });
            await PostAsync($"api/v1/plans/{planId}/supervision", new { supervisorId = "SUP-330100-01", findings = Array.Empty<object>() });
            if (reported)
                await PostAsync($"api/v1/plans/{planId}/staffing", Staffing(examiners: examiners, siteOperatorOrgCode: siteOperator));
            await PostAsync($"api/v1/plans/{planId}/close", new { closedAt = "2026-12-20T10:00:00+08:00" });
        }

        var plain = await ScoreAsync(scoring, "P-SD-PLAIN", Final);
        var full = await ScoreAsync(scoring, "P-SD-FULL", Final);
        var delegated = await ScoreAsync(scoring, "P-SD-DELEGATED", Final);
        Assert.Equal(plain.GetProperty("score").GetDecimal(), full.GetProperty("score").GetDecimal());
        Assert.Equal(RuleIds(plain), RuleIds(full));
        // The staffing was read: the delegated plan, the same but for its site's operator, loses the plan announcement's 10.
        Assert.Equal(full.GetProperty("score").GetDecimal() - 10, delegated.GetProperty("score").GetDecimal());
        Assert.Equal(RuleIds(full).Append("plan.delegated").Order(StringComparer.Ordinal), RuleIds(delegated));
        var announcement = Indicator(delegated, "plan-announcement");
        Assert.Equal(0m, announcement.GetProperty("score").GetDecimal());
        var deduction = Assert.Single(announcement.GetProperty("deductions").EnumerateArray());
        Assert.Equal(("plan.delegated", 10m), (deduction.GetProperty("ruleId").GetString(), deduction.GetProperty("points").GetDecimal()));
        Assert.Contains("S3301060009", deduction.GetProperty("evidence").GetString(), StringComparison.Ordinal);

        var warnings = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await alerts.Http.GetStringAsync("api/v1/warnings?region=330100")).RootElement
                .EnumerateArray().Select(w => $"{w.GetProperty("planId").GetString()} {w.GetProperty("kind").GetString()} {w.GetProperty("level").GetString()}")
                .Where(w => w.Contains("delegated-evaluation", StringComparison.Ordinal)).ToList(),
            w => w.Count > 0, "the delegated-evaluation warning", context: () => alerts.Output);
        Assert.Equal(["P-SD-DELEGATED delegated-evaluation red"], warnings);
    }

    /// <summary>
    /// The ten sampled applicants, all let through, each with the least evidence the notice accepts for their group: a member
    /// of the public with verified work history or with documents, a student verified or with the record uploaded, an employee
    /// with a contract and insurance or other proof, a dispatched worker on the job exactly 3 months.
    /// </summary>
    static readonly object[] VerifiedRecords =
    [
        new { group = "social", qualifying = true, workHistoryVerified = true, supportingDocuments = false },
        new { group = "social", qualifying = true, workHistoryVerified = false, supportingDocuments = true },
        new { group = "social", qualifying = true, workHistoryVerified = true, supportingDocuments = true },
        new { group = "student", qualifying = true, enrolmentVerified = true, enrolmentRecordUploaded = false },
        new { group = "student", qualifying = true, enrolmentVerified = false, enrolmentRecordUploaded = true },
        new { group = "enterprise", qualifying = true, socialInsurance = true, labourContract = true, alternativeEvidence = false },
        new { group = "enterprise", qualifying = true, socialInsurance = false, labourContract = true, alternativeEvidence = true },
        new { group = "dispatched", qualifying = true, socialInsurance = true, labourContract = true, dispatchAgreement = true, monthsOnJob = 3 },
        new { group = "dispatched", qualifying = true, socialInsurance = true, labourContract = true, dispatchAgreement = true, monthsOnJob = 14 },
        new { group = "social", qualifying = true, workHistoryVerified = true, supportingDocuments = false },
    ];

    /// <summary>
    /// Who ran a plan of 40 candidates: two theory rooms of 20 with two invigilating examiners each (1:10), three skill sessions
    /// of 14, 13 and 13 marked by the three drawn <paramref name="examiners"/> (under 1:5); examiners certified for 中式烹调师 at
    /// level 4 or 3; a quality supervisor; two exam staff of the org. The people but the drawn examiners are the org's own (their
    /// ids and numbers end in the org code's last digit: the supervisor of <see cref="Org"/>'s plans is SUP-330100-01).
    /// </summary>
    static object Staffing((string Id, string Number)[] examiners, string orgCode = Org, string? siteOperatorOrgCode = null)
    {
        var own = orgCode[^1];
        var invigilators = Enumerable.Range(1, 4).Select(n => (Id: $"V-SD-{n}-{own}", Number: Number($"330103196{n}01010{n}{own}"))).ToArray();
        var drawn = examiners.Select(e => e.Id).ToArray();
        return new
        {
            siteOperatorOrgCode,
            delegationFilingNo = (string?)null,
            rooms = new object[]
            {
                new { roomCode = "R01", examKind = "theory", candidates = 20, examinerIds = new[] { invigilators[0].Id, invigilators[1].Id } },
                new { roomCode = "R02", examKind = "theory", candidates = 20, examinerIds = new[] { invigilators[2].Id, invigilators[3].Id } },
                new { roomCode = "S01", examKind = "skill", candidates = 14, examinerIds = drawn },
                new { roomCode = "S02", examKind = "skill", candidates = 13, examinerIds = drawn },
                new { roomCode = "S03", examKind = "skill", candidates = 13, examinerIds = drawn },
            },
            staff = examiners.Concat(invigilators)
                .Select((e, n) => (object)new
                {
                    personId = e.Id, role = "examiner", idNumber = e.Number, certifiedOccupationCode = "4-03-02-01", certifiedLevel = 4 - n % 2,
                })
                .Append(new { personId = $"SUP-330100-0{own}", role = "supervisor", idNumber = Number($"3301041971121201{own}") })
                .Concat(Enumerable.Range(1, 2).Select(n => (object)new
                {
                    personId = $"K-SD-{n}-{own}", role = "exam-staff", idNumber = Number($"330104198{n}02020{n}{own}"), employerOrgCode = orgCode,
                }))
                .ToArray(),
        };
    }

    /// <summary>A plan of <see cref="Plans.Filed"/> of another org or on another day (its exam from 9:00 to 17:00, announced 40 days before).</summary>
    static JsonObject Filed(string planId, string orgCode = Org, string examDay = "2026-12-12")
    {
        var plan = JsonSerializer.SerializeToNode(Plans.Filed(planId))!.AsObject();
        plan["orgCode"] = orgCode;
        var start = DateTimeOffset.Parse($"{examDay}T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);
        plan["examStart"] = start;
        plan["examEnd"] = start.AddHours(8);
        plan["announcedAt"] = start.AddDays(-40);
        return plan;
    }

    static object Certificate(string certificateNo, string candidateId) => new
    {
        certificateNo, candidateId, planId = "P-SD-CERTIFYING", occupationCode = "4-03-02-01", level = 4, issuedAt = "2027-01-25T10:00:00+08:00",
    };

    /// <summary>A valid 身份证号 from its first 17 digits.</summary>
    static string Number(string first17) => first17 + IdentityNumber.CheckCharacter(first17);

    static bool Final(JsonElement score) => score.GetProperty("status").GetString() == "final";

    static JsonElement Indicator(JsonElement score, string indicator) =>
        score.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == indicator);

    static List<string> RuleIds(JsonElement score) => [.. score.GetProperty("indicators").EnumerateArray()
        .SelectMany(i => i.GetProperty("deductions").EnumerateArray()).Select(d => d.GetProperty("ruleId").GetString()!).Order(StringComparer.Ordinal)];

    static async Task<JsonElement> ScoreAsync(ServiceProcess scoring, string planId, Func<JsonElement, bool> done) => (await Eventually.ReturnsAsync(async () =>
    {
        var response = await scoring.Http.GetAsync($"api/v1/plans/{planId}/score");
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : (JsonElement?)null;
    }, s => s is { } score && done(score), $"the score of {planId}", context: () => scoring.Output))!.Value;
}
