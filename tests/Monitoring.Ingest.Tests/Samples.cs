using System.Globalization;
using System.Text.Json.Nodes;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.Testing;

namespace Monitoring.Ingest.Tests;

/// <summary>Valid bodies of every ingest endpoint, as the upstream platform sends them; tests break one field at a time.</summary>
static class Samples
{
    /// <summary>A valid 身份证号 of someone born 1990-03-07 in 西湖区, with sequence <paramref name="n"/>.</summary>
    public static string IdentityNumber(int n, string born = "19900307")
    {
        var first17 = "330106" + born + (n % 1000).ToString("D3", CultureInfo.InvariantCulture);
        return first17 + Monitoring.ServiceDefaults.Requests.IdentityNumber.CheckCharacter(first17);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string WithWrongCheck(string number)
    {
        var wrong = number[17] == '0' ? '1' : '0';
        return number[..17] + wrong;
    }

    public static JsonObject Plan(string planId = "P-2026-0001") => new()
    {
        ["planId"] = planId,
        ["orgCode"] = "S3301060001",
        ["orgName"] = "杭州市西湖区某职业技能培训学校",
        ["orgKind"] = "social",
        ["regionCode"] = "330106",
        ["occupationCode"] = "4-03-02-01",
        ["occupationName"] = "中式烹调师",
        ["level"] = 4,
        ["candidateCount"] = 40,
        ["examStart"] = "2026-12-12T09:00:00+08:00",
        ["examEnd"] = "2026-12-12T17:00:00+08:00",
        ["siteCode"] = "KD330106001",
        ["siteRegistered"] = true,
        ["withinFiledScope"] = true,
        ["announcedAt"] = "2026-11-10T10:00:00+08:00",
    };

    public static JsonObject Execution() => new()
    {
        ["actualStart"] = "2026-12-12T09:05:00+08:00",
        ["actualEnd"] = "2026-12-12T16:50:00+08:00",
        ["siteCode"] = "KD330106001",
        ["candidatesPresent"] = 38,
    };

    public static JsonObject QualificationReview() => new()
    {
        ["sampled"] = 10,
        ["nonQualifying"] = 1,
        ["reviewedAt"] = "2026-12-01T15:00:00+08:00",
    };

    /// <summary>The same review with two of the sampled applicants one by one: a dispatched worker let through, a student turned down.</summary>
    public static JsonObject QualificationReviewWithRecords() => QualificationReview().With("records", new JsonArray(
        new JsonObject
        {
            ["group"] = "dispatched", ["qualifying"] = true, ["socialInsurance"] = true, ["labourContract"] = true,
            ["dispatchAgreement"] = true, ["monthsOnJob"] = 14,
        },
        new JsonObject { ["group"] = "student", ["qualifying"] = false, ["enrolmentVerified"] = false, ["enrolmentRecordUploaded"] = false }));

    /// <summary>Who ran the exam: a theory room and a skill room, three examiners, a supervisor and a member of the org's exam staff.</summary>
    public static JsonObject Staffing() => new()
    {
        ["siteOperatorOrgCode"] = null,
        ["delegationFilingNo"] = null,
        ["rooms"] = new JsonArray(
            new JsonObject { ["roomCode"] = "R1", ["examKind"] = "theory", ["candidates"] = 30, ["examinerIds"] = new JsonArray("E-001", "E-002") },
            new JsonObject { ["roomCode"] = "R2", ["examKind"] = "skill", ["candidates"] = 10, ["examinerIds"] = new JsonArray("E-001", "E-002", "E-003") }),
        ["staff"] = new JsonArray(
            Person("E-001", "examiner", IdentityNumber(101)),
            Person("E-002", "examiner", IdentityNumber(102)),
            Person("E-003", "examiner", IdentityNumber(103)),
            Person("SUP-07", "supervisor", IdentityNumber(104)),
            Person("K-01", "exam-staff", IdentityNumber(105))),
    };

    static JsonObject Person(string id, string role, string idNumber) => new()
    {
        ["personId"] = id,
        ["role"] = role,
        ["idNumber"] = idNumber,
        ["employerOrgCode"] = role == "supervisor" ? null : "S3301060001",
        ["certifiedOccupationCode"] = role == "examiner" ? "4-03-02-01" : null,
        ["certifiedLevel"] = role == "examiner" ? 3 : null,
    };

    public static JsonObject Examiners() => new()
    {
        ["examiners"] = new JsonArray(
            Examiner("E-001", "pool", null),
            Examiner("E-002", "internal-emergency", "pool-shortage"),
            Examiner("E-003", "outside-pool", null)),
    };

    static JsonObject Examiner(string id, string source, string? reason) => new()
    {
        ["examinerId"] = id,
        ["source"] = source,
        ["reason"] = reason,
        ["trainedTheseCandidates"] = false,
    };

    public static JsonObject Papers() => new()
    {
        ["bank"] = "self-built",
        ["reusedItems"] = 2,
        ["theoryOnComputer"] = true,
        ["paperExamApproved"] = false,
        ["expertReviewed"] = true,
        ["filedAt"] = "2026-11-20T10:00:00+08:00",
    };

    public static JsonObject Supervision() => new()
    {
        ["supervisorId"] = "SUP-07",
        ["findings"] = new JsonArray(
            new JsonObject { ["findingId"] = "F-1", ["closed"] = true },
            new JsonObject { ["findingId"] = "F-2", ["closed"] = false }),
    };

    public static JsonObject Results(int count = 3, int first = 1) => new()
    {
        ["results"] = new JsonArray(Enumerable.Range(first, count).Select(i => (JsonNode)new JsonObject
        {
            ["candidateId"] = IdentityNumber(i),
            ["theoryScore"] = 60 + i % 40,
            ["skillScore"] = 70.5,
            ["passed"] = true,
            ["recordedAt"] = "2026-12-14T10:00:00+08:00",
            ["editedAfterLock"] = false,
        }).ToArray()),
    };

    public static JsonObject Videos() => new()
    {
        ["segments"] = new JsonArray(
            Segment("R101", "C1", "1080p"),
            Segment("R102", "C2", "720p")),
    };

    static JsonObject Segment(string room, string camera, string resolution) => new()
    {
        ["room"] = room,
        ["cameraId"] = camera,
        ["from"] = "2026-12-12T09:00:00+08:00",
        ["to"] = "2026-12-12T17:00:00+08:00",
        ["resolution"] = resolution,
        ["candidatesCovered"] = 20,
        ["candidatesInRoom"] = 20,
    };

    public static JsonObject Disclosure() => new()
    {
        ["kind"] = "results",
        ["publishedAt"] = "2026-12-15T09:00:00+08:00",
        ["until"] = "2026-12-22T09:00:00+08:00",
    };

    public static JsonObject Surveys() => new()
    {
        ["responses"] = new JsonArray(
            new JsonObject { ["candidateId"] = IdentityNumber(1), ["satisfaction"] = 5, ["complaint"] = false },
            new JsonObject { ["candidateId"] = IdentityNumber(2), ["satisfaction"] = 3, ["complaint"] = true }),
    };

    public static JsonObject Close() => new() { ["closedAt"] = "2026-12-25T10:00:00+08:00" };

    public static JsonObject Certificates() => new()
    {
        ["certificates"] = new JsonArray(
            Certificate("S000133000001264000001", IdentityNumber(1)),
            Certificate("S000133000001264000002", IdentityNumber(2))),
    };

    static JsonObject Certificate(string no, string candidate) => new()
    {
        ["certificateNo"] = no,
        ["candidateId"] = candidate,
        ["planId"] = "P-2026-0001",
        ["occupationCode"] = "4-03-02-01",
        ["level"] = 4,
        ["issuedAt"] = "2026-12-30T10:00:00+08:00",
    };

    /// <summary>
    /// Every endpoint with a valid body, the contract type it publishes, how many messages and how many facts they carry
    /// (a submission's results, answers, segments or certificates travel in one message).
    /// </summary>
    public static IEnumerable<(string Path, string Type, Func<JsonObject> Body, string MessageType, int Messages, int Facts)> Endpoints(string planId) =>
    [
        ("api/v1/plans", "plan", () => Plan(planId), "PlanFiled", 1, 1),
        ($"api/v1/plans/{planId}/execution", "execution", Execution, "PlanExecutionReported", 1, 1),
        ($"api/v1/plans/{planId}/qualification-review", "qualification-review", QualificationReviewWithRecords, "QualificationReviewed", 1, 1),
        ($"api/v1/plans/{planId}/examiners", "examiners", Examiners, "ExaminersDispatched", 1, 1),
        ($"api/v1/plans/{planId}/papers", "papers", Papers, "PaperUsed", 1, 1),
        ($"api/v1/plans/{planId}/staffing", "staffing", Staffing, "PlanStaffed", 1, 1),
        ($"api/v1/plans/{planId}/supervision", "supervision", Supervision, "SupervisionReported", 1, 1),
        ($"api/v1/plans/{planId}/results", "results", () => Results(), "ResultsRecorded", 1, 3),
        ($"api/v1/plans/{planId}/videos", "videos", Videos, "VideoSegmentsRecorded", 1, 2),
        ($"api/v1/plans/{planId}/disclosures", "disclosures", Disclosure, "DisclosurePublished", 1, 1),
        ($"api/v1/plans/{planId}/surveys", "surveys", Surveys, "SurveysResponded", 1, 2),
        ($"api/v1/plans/{planId}/close", "close", Close, "PlanClosed", 1, 1),
        ("api/v1/certificates", "certificates", Certificates, "CertificatesIssued", 1, 2),
        ("api/v1/applications", "application", () => Application(), "CrossRegionApplicationFiled", 1, 1),
        ("api/v1/sites", "site", Site, "ExamSiteFiled", 1, 1),
    ];

    /// <summary>考点备案: an exam site filed for the Hangzhou org.</summary>
    public static JsonObject Site() => new()
    {
        ["siteCode"] = "KD330106001",
        ["orgCode"] = "S3301060001",
        ["orgRegionCode"] = "330106",
        ["siteName"] = "西湖考点",
        ["siteAddress"] = "杭州市西湖区文三路1号",
        ["regionCode"] = "330106",
        ["filedAt"] = "2026-11-01T09:00:00+08:00",
    };

    /// <summary>浙江省职业技能等级认定申请表: a Ningbo org asks to evaluate at a site in Hangzhou's 西湖区.</summary>
    public static JsonObject Application(string applicationId = "A-2026-0001") => new()
    {
        ["applicationId"] = applicationId,
        ["orgCode"] = "S3302030001",
        ["orgName"] = "宁波市某职业技能培训学校",
        ["orgRegionCode"] = "330203",
        ["contactName"] = "张三",
        ["contactPhone"] = "0574-12345678",
        ["siteName"] = "杭州西湖考点",
        ["siteAddress"] = "杭州市西湖区文三路1号",
        ["siteRegionCode"] = "330106",
        ["lines"] = new JsonArray(new JsonObject
        {
            ["occupationCode"] = "4-03-02-01", ["occupationName"] = "中式烹调师", ["targetGroup"] = "社会人员", ["level"] = 4, ["headcount"] = 40,
            ["examDate"] = "2026-12-21",
        }),
        ["appliedAt"] = "2026-11-20T09:00:00+08:00",
    };
}
