using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using static Monitoring.Testing.JsonEdit;

namespace Monitoring.Ingest.Tests;

/// <summary>
/// Bad input as an upstream system produces it, one fault per case: each is refused with 400 and problem
/// details that name the faulty field. Read as a table: endpoint, fault, the field that must be named.
/// </summary>
public sealed class ValidationCorpusTests(IngestApp app) : IClassFixture<IngestApp>
{
    const string P = "api/v1/plans";
    const string Plan = "api/v1/plans/P-1/";
    const string Certificates = "api/v1/certificates";
    const string A = "api/v1/applications";
    const string Sites = "api/v1/sites";
    static readonly string Id = Samples.IdentityNumber(1);

    public sealed record Case(string Name, string Path, Func<JsonObject> Body, string Field)
    {
        public override string ToString() => Name;
    }

    static Case C(string name, string path, Func<JsonObject> body, string field) => new(name, path, body, field);

    public static TheoryData<Case> Corpus() =>
    [
        // POST /api/v1/plans
        C("planId missing", P, () => Samples.Plan().With("planId", Missing), "planId"),
        C("planId empty", P, () => Samples.Plan().With("planId", ""), "planId"),
        C("planId with a space and !", P, () => Samples.Plan().With("planId", "P 1!"), "planId"),
        C("planId of 65 characters", P, () => Samples.Plan().With("planId", new string('P', 65)), "planId"),
        C("planId a number", P, () => Samples.Plan().With("planId", 12345), "planId"),
        C("planId with Chinese", P, () => Samples.Plan().With("planId", "计划1"), "planId"),
        C("orgCode missing", P, () => Samples.Plan().With("orgCode", Missing), "orgCode"),
        C("orgCode blank", P, () => Samples.Plan().With("orgCode", "   "), "orgCode"),
        C("orgCode of 33 characters", P, () => Samples.Plan().With("orgCode", new string('S', 33)), "orgCode"),
        C("orgCode a number", P, () => Samples.Plan().With("orgCode", 1), "orgCode"),
        C("orgName missing", P, () => Samples.Plan().With("orgName", Missing), "orgName"),
        C("orgName of 201 characters", P, () => Samples.Plan().With("orgName", new string('校', 201)), "orgName"),
        C("orgName with a control character", P, () => Samples.Plan().With("orgName", "学校\u0001"), "orgName"),
        C("orgKind missing", P, () => Samples.Plan().With("orgKind", Missing), "orgKind"),
        C("orgKind not a kind", P, () => Samples.Plan().With("orgKind", "government"), "orgKind"),
        C("orgKind in the wrong case", P, () => Samples.Plan().With("orgKind", "Social"), "orgKind"),
        C("orgKind a number", P, () => Samples.Plan().With("orgKind", 1), "orgKind"),
        C("regionCode missing", P, () => Samples.Plan().With("regionCode", Missing), "regionCode"),
        C("regionCode in Beijing", P, () => Samples.Plan().With("regionCode", "110101"), "regionCode"),
        C("regionCode the province itself", P, () => Samples.Plan().With("regionCode", "330000"), "regionCode"),
        C("regionCode under a 12th city", P, () => Samples.Plan().With("regionCode", "331200"), "regionCode"),
        C("regionCode of 5 digits", P, () => Samples.Plan().With("regionCode", "33010"), "regionCode"),
        C("regionCode with a letter", P, () => Samples.Plan().With("regionCode", "3301a6"), "regionCode"),
        C("regionCode a number", P, () => Samples.Plan().With("regionCode", 330106), "regionCode"),
        C("occupationCode missing", P, () => Samples.Plan().With("occupationCode", Missing), "occupationCode"),
        C("occupationCode too short", P, () => Samples.Plan().With("occupationCode", "4-03-02"), "occupationCode"),
        C("occupationCode one-digit group", P, () => Samples.Plan().With("occupationCode", "4-3-02-01"), "occupationCode"),
        C("occupationCode one-digit 工种", P, () => Samples.Plan().With("occupationCode", "4-03-02-01-1"), "occupationCode"),
        C("occupationCode with a letter", P, () => Samples.Plan().With("occupationCode", "a-03-02-01"), "occupationCode"),
        C("occupationName missing", P, () => Samples.Plan().With("occupationName", Missing), "occupationName"),
        C("level 0", P, () => Samples.Plan().With("level", 0), "level"),
        C("level 6", P, () => Samples.Plan().With("level", 6), "level"),
        C("level a string", P, () => Samples.Plan().With("level", "4"), "level"),
        C("level a fraction", P, () => Samples.Plan().With("level", 4.5), "level"),
        C("level missing", P, () => Samples.Plan().With("level", Missing), "level"),
        C("candidateCount 0", P, () => Samples.Plan().With("candidateCount", 0), "candidateCount"),
        C("candidateCount 10001", P, () => Samples.Plan().With("candidateCount", 10_001), "candidateCount"),
        C("candidateCount negative", P, () => Samples.Plan().With("candidateCount", -1), "candidateCount"),
        C("candidateCount beyond int", P, () => Samples.Plan().With("candidateCount", 99_999_999_999L), "candidateCount"),
        C("examStart missing", P, () => Samples.Plan().With("examStart", Missing), "examStart"),
        C("examStart a date only", P, () => Samples.Plan().With("examStart", "2026-12-12"), "examStart"),
        C("examStart in US format", P, () => Samples.Plan().With("examStart", "12/12/2026 09:00"), "examStart"),
        C("examStart month 13", P, () => Samples.Plan().With("examStart", "2026-13-12T09:00:00+08:00"), "examStart"),
        C("examStart in 1999", P, () => Samples.Plan().With("examStart", "1999-12-12T09:00:00+08:00"), "examStart"),
        C("examStart a boolean", P, () => Samples.Plan().With("examStart", true), "examStart"),
        C("examEnd before examStart", P, () => Samples.Plan().With("examEnd", "2026-12-12T08:00:00+08:00"), "examEnd"),
        C("examEnd equal to examStart", P, () => Samples.Plan().With("examEnd", "2026-12-12T09:00:00+08:00"), "examEnd"),
        C("examEnd missing", P, () => Samples.Plan().With("examEnd", Missing), "examEnd"),
        C("siteCode missing", P, () => Samples.Plan().With("siteCode", Missing), "siteCode"),
        C("siteRegistered a string", P, () => Samples.Plan().With("siteRegistered", "yes"), "siteRegistered"),
        C("siteRegistered 1", P, () => Samples.Plan().With("siteRegistered", 1), "siteRegistered"),
        C("siteRegistered missing", P, () => Samples.Plan().With("siteRegistered", Missing), "siteRegistered"),
        C("withinFiledScope \"true\"", P, () => Samples.Plan().With("withinFiledScope", "true"), "withinFiledScope"),
        C("withinFiledScope null", P, () => Samples.Plan().With("withinFiledScope", null), "withinFiledScope"),
        C("announcedAt missing", P, () => Samples.Plan().With("announcedAt", Missing), "announcedAt"),
        C("announcedAt a word", P, () => Samples.Plan().With("announcedAt", "yesterday"), "announcedAt"),

        // execution
        C("execution: planId in the path bad", "api/v1/plans/P%201/execution", Samples.Execution, "planId"),
        C("execution: actualStart missing", Plan + "execution", () => Samples.Execution().With("actualStart", Missing), "actualStart"),
        C("execution: actualEnd before actualStart", Plan + "execution", () => Samples.Execution().With("actualEnd", "2026-12-12T08:00:00+08:00"), "actualEnd"),
        C("execution: siteCode missing", Plan + "execution", () => Samples.Execution().With("siteCode", Missing), "siteCode"),
        C("execution: candidatesPresent negative", Plan + "execution", () => Samples.Execution().With("candidatesPresent", -1), "candidatesPresent"),
        C("execution: candidatesPresent 10001", Plan + "execution", () => Samples.Execution().With("candidatesPresent", 10_001), "candidatesPresent"),
        C("execution: candidatesPresent a word", Plan + "execution", () => Samples.Execution().With("candidatesPresent", "many"), "candidatesPresent"),

        // qualification review
        C("review: sampled 0", Plan + "qualification-review", () => Samples.QualificationReview().With("sampled", 0), "sampled"),
        C("review: sampled missing", Plan + "qualification-review", () => Samples.QualificationReview().With("sampled", Missing), "sampled"),
        C("review: sampled a word", Plan + "qualification-review", () => Samples.QualificationReview().With("sampled", "ten"), "sampled"),
        C("review: nonQualifying above sampled", Plan + "qualification-review", () => Samples.QualificationReview().With("nonQualifying", 11), "nonQualifying"),
        C("review: nonQualifying negative", Plan + "qualification-review", () => Samples.QualificationReview().With("nonQualifying", -1), "nonQualifying"),
        C("review: reviewedAt missing", Plan + "qualification-review", () => Samples.QualificationReview().With("reviewedAt", Missing), "reviewedAt"),
        C("review: records empty", Plan + "qualification-review", () => Samples.QualificationReview().With("records", new JsonArray()), "records"),
        C("review: a record's group unknown", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("records[0].group", "retired"), "records[0].group"),
        C("review: a record's qualifying missing", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("records[0].qualifying", Missing), "records[0].qualifying"),
        C("review: a dispatched worker without monthsOnJob", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("records[0].monthsOnJob", Missing), "records[0].monthsOnJob"),
        C("review: a dispatched worker with monthsOnJob -1", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("records[0].monthsOnJob", -1), "records[0].monthsOnJob"),
        C("review: a dispatched worker without dispatchAgreement", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("records[0].dispatchAgreement", Missing), "records[0].dispatchAgreement"),
        C("review: a student with an enterprise's evidence", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("records[1].socialInsurance", true), "records[1].socialInsurance"),
        C("review: an enterprise employee without alternativeEvidence", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords()
            .With("records[1]", new JsonObject { ["group"] = "enterprise", ["qualifying"] = false, ["socialInsurance"] = false, ["labourContract"] = true }), "records[1].alternativeEvidence"),
        C("review: a social applicant without supportingDocuments", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords()
            .With("records[1]", new JsonObject { ["group"] = "social", ["qualifying"] = false, ["workHistoryVerified"] = false }), "records[1].supportingDocuments"),
        C("review: more records turned down than nonQualifying", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("records[0].qualifying", false)
            .With("records[0].monthsOnJob", 1), "records"),
        C("review: more records let through than qualifying", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("sampled", 2).With("nonQualifying", 2), "records"),
        C("review: more records than sampled", Plan + "qualification-review", () => Samples.QualificationReviewWithRecords().With("sampled", 1).With("nonQualifying", 1), "records"),

        // examiners
        C("examiners: list missing", Plan + "examiners", () => Samples.Examiners().With("examiners", Missing), "examiners"),
        C("examiners: list empty", Plan + "examiners", () => Samples.Examiners().With("examiners", new JsonArray()), "examiners"),
        C("examiners: list an object", Plan + "examiners", () => Samples.Examiners().With("examiners", new JsonObject()), "examiners"),
        C("examiners: item a string", Plan + "examiners", () => Samples.Examiners().With("examiners[1]", "E-002"), "examiners[1]"),
        C("examiners: examinerId missing", Plan + "examiners", () => Samples.Examiners().With("examiners[0].examinerId", Missing), "examiners[0].examinerId"),
        C("examiners: source unknown", Plan + "examiners", () => Samples.Examiners().With("examiners[0].source", "random"), "examiners[0].source"),
        C("examiners: reason unknown", Plan + "examiners", () => Samples.Examiners().With("examiners[1].reason", "sick"), "examiners[1].reason"),
        C("examiners: reason for a pool draw", Plan + "examiners", () => Samples.Examiners().With("examiners[0].reason", "pool-shortage"), "examiners[0].reason"),
        C("examiners: trainedTheseCandidates missing", Plan + "examiners", () => Samples.Examiners().With("examiners[2].trainedTheseCandidates", Missing), "examiners[2].trainedTheseCandidates"),
        C("examiners: same examiner twice", Plan + "examiners", () => Samples.Examiners().With("examiners[2].examinerId", "E-001"), "examiners[2].examinerId"),
        C("examiners: 10001 examiners", Plan + "examiners", () => Samples.Examiners().With("examiners",
            new JsonArray(Enumerable.Range(0, 10_001).Select(_ => (JsonNode)new JsonObject()).ToArray())), "examiners"),
        C("examiners: poolSize 0", Plan + "examiners", () => Samples.Examiners().With("poolSize", 0), "poolSize"),
        C("examiners: poolSize negative", Plan + "examiners", () => Samples.Examiners().With("poolSize", -30), "poolSize"),
        C("examiners: poolSize 100001", Plan + "examiners", () => Samples.Examiners().With("poolSize", 100_001), "poolSize"),
        C("examiners: poolSize a string", Plan + "examiners", () => Samples.Examiners().With("poolSize", "30"), "poolSize"),
        C("examiners: poolSize a fraction", Plan + "examiners", () => Samples.Examiners().With("poolSize", 30.5), "poolSize"),
        C("examiners: poolSize below the examiners drawn from it", Plan + "examiners", () => Samples.Examiners().With("poolSize", 1)
            .With("examiners[1].source", "pool").With("examiners[1].reason", null), "poolSize"),

        // papers
        C("papers: bank unknown", Plan + "papers", () => Samples.Papers().With("bank", "local"), "bank"),
        C("papers: bank missing", Plan + "papers", () => Samples.Papers().With("bank", Missing), "bank"),
        C("papers: reusedItems negative", Plan + "papers", () => Samples.Papers().With("reusedItems", -1), "reusedItems"),
        C("papers: theoryOnComputer missing", Plan + "papers", () => Samples.Papers().With("theoryOnComputer", Missing), "theoryOnComputer"),
        C("papers: paperExamApproved \"no\"", Plan + "papers", () => Samples.Papers().With("paperExamApproved", "no"), "paperExamApproved"),
        C("papers: expertReviewed for a national bank's paper", Plan + "papers", () => Samples.Papers().With("bank", "national").With("filedAt", Missing), "expertReviewed"),
        C("papers: filedAt for a provincial bank's paper", Plan + "papers", () => Samples.Papers().With("bank", "provincial").With("expertReviewed", Missing), "filedAt"),
        C("papers: filedAt without expertReviewed", Plan + "papers", () => Samples.Papers().With("expertReviewed", Missing), "expertReviewed"),
        C("papers: filedAt in the year 1999", Plan + "papers", () => Samples.Papers().With("filedAt", "1999-12-31T10:00:00+08:00"), "filedAt"),
        C("papers: expertReviewed \"yes\"", Plan + "papers", () => Samples.Papers().With("expertReviewed", "yes"), "expertReviewed"),

        // staffing
        C("staffing: rooms missing", Plan + "staffing", () => Samples.Staffing().With("rooms", Missing), "rooms"),
        C("staffing: staff empty", Plan + "staffing", () => Samples.Staffing().With("staff", new JsonArray()), "staff"),
        C("staffing: a room's examKind unknown", Plan + "staffing", () => Samples.Staffing().With("rooms[0].examKind", "oral"), "rooms[0].examKind"),
        C("staffing: a room without candidates", Plan + "staffing", () => Samples.Staffing().With("rooms[0].candidates", 0), "rooms[0].candidates"),
        C("staffing: a room's examinerIds missing", Plan + "staffing", () => Samples.Staffing().With("rooms[1].examinerIds", Missing), "rooms[1].examinerIds"),
        C("staffing: a room's examiner not in staff", Plan + "staffing", () => Samples.Staffing().With("rooms[0].examinerIds[1]", "E-404"), "rooms[0].examinerIds[1]"),
        C("staffing: a room's examiner is the supervisor", Plan + "staffing", () => Samples.Staffing().With("rooms[0].examinerIds[1]", "SUP-07"), "rooms[0].examinerIds[1]"),
        C("staffing: a room's examiner twice", Plan + "staffing", () => Samples.Staffing().With("rooms[1].examinerIds[2]", "E-001"), "rooms[1].examinerIds[2]"),
        C("staffing: a room's code twice", Plan + "staffing", () => Samples.Staffing().With("rooms[1].roomCode", "R1"), "rooms[1].roomCode"),
        C("staffing: a person's role unknown", Plan + "staffing", () => Samples.Staffing().With("staff[4].role", "driver"), "staff[4].role"),
        C("staffing: a person's idNumber with a wrong check character", Plan + "staffing", () => Samples.Staffing().With("staff[3].idNumber", Samples.WithWrongCheck(Samples.IdentityNumber(104))), "staff[3].idNumber"),
        C("staffing: a person's idNumber missing", Plan + "staffing", () => Samples.Staffing().With("staff[0].idNumber", Missing), "staff[0].idNumber"),
        C("staffing: the same idNumber twice", Plan + "staffing", () => Samples.Staffing().With("staff[4].idNumber", Samples.IdentityNumber(101)), "staff[4].idNumber"),
        C("staffing: the same personId twice", Plan + "staffing", () => Samples.Staffing().With("staff[4].personId", "E-001"), "staff[4].personId"),
        C("staffing: an examiner without certifiedOccupationCode", Plan + "staffing", () => Samples.Staffing().With("staff[0].certifiedOccupationCode", Missing), "staff[0].certifiedOccupationCode"),
        C("staffing: an examiner with certifiedLevel 6", Plan + "staffing", () => Samples.Staffing().With("staff[0].certifiedLevel", 6), "staff[0].certifiedLevel"),
        C("staffing: exam staff without employerOrgCode", Plan + "staffing", () => Samples.Staffing().With("staff[4].employerOrgCode", null), "staff[4].employerOrgCode"),
        C("staffing: siteOperatorOrgCode blank", Plan + "staffing", () => Samples.Staffing().With("siteOperatorOrgCode", " "), "siteOperatorOrgCode"),
        C("staffing: delegationFilingNo of 65 characters", Plan + "staffing", () => Samples.Staffing().With("delegationFilingNo", new string('B', 65)), "delegationFilingNo"),

        // supervision
        C("supervision: findings missing", Plan + "supervision", () => Samples.Supervision().With("findings", Missing), "findings"),
        C("supervision: findings without a supervisor", Plan + "supervision", () => Samples.Supervision().With("supervisorId", null), "findings"),
        C("supervision: supervisorId a number", Plan + "supervision", () => Samples.Supervision().With("supervisorId", 7), "supervisorId"),
        C("supervision: findingId missing", Plan + "supervision", () => Samples.Supervision().With("findings[0].findingId", Missing), "findings[0].findingId"),
        C("supervision: closed missing", Plan + "supervision", () => Samples.Supervision().With("findings[1].closed", Missing), "findings[1].closed"),
        C("supervision: same finding twice", Plan + "supervision", () => Samples.Supervision().With("findings[1].findingId", "F-1"), "findings[1].findingId"),

        // results
        C("results: list missing", Plan + "results", () => Samples.Results().With("results", Missing), "results"),
        C("results: list empty", Plan + "results", () => Samples.Results().With("results", new JsonArray()), "results"),
        C("results: candidateId missing", Plan + "results", () => Samples.Results().With("results[0].candidateId", Missing), "results[0].candidateId"),
        C("results: candidateId of 17 digits", Plan + "results", () => Samples.Results().With("results[0].candidateId", Id[..17]), "results[0].candidateId"),
        C("results: candidateId of 19 digits", Plan + "results", () => Samples.Results().With("results[0].candidateId", Id + "1"), "results[0].candidateId"),
        C("results: candidateId with a letter inside", Plan + "results", () => Samples.Results().With("results[0].candidateId", "3301A6" + Id[6..]), "results[0].candidateId"),
        C("results: candidateId check character wrong", Plan + "results", () => Samples.Results().With("results[1].candidateId", Samples.WithWrongCheck(Id)), "results[1].candidateId"),
        C("results: candidateId ending in Y", Plan + "results", () => Samples.Results().With("results[0].candidateId", Id[..17] + "Y"), "results[0].candidateId"),
        C("results: candidateId born in month 13", Plan + "results", () => Samples.Results().With("results[0].candidateId", Samples.IdentityNumber(1, "19901307")), "results[0].candidateId"),
        C("results: candidateId born on 30 February", Plan + "results", () => Samples.Results().With("results[0].candidateId", Samples.IdentityNumber(1, "19900230")), "results[0].candidateId"),
        C("results: candidateId born in the future", Plan + "results", () => Samples.Results().With("results[0].candidateId", Samples.IdentityNumber(1, "20990101")), "results[0].candidateId"),
        C("results: candidateId born in 1899", Plan + "results", () => Samples.Results().With("results[0].candidateId", Samples.IdentityNumber(1, "18991231")), "results[0].candidateId"),
        C("results: candidateId a number", Plan + "results", () => Samples.Results().With("results[0].candidateId", 330106199003070011L), "results[0].candidateId"),
        C("results: same candidate twice", Plan + "results", () => Samples.Results().With("results[2].candidateId", Id), "results[2].candidateId"),
        C("results: theoryScore 101", Plan + "results", () => Samples.Results().With("results[0].theoryScore", 101), "results[0].theoryScore"),
        C("results: theoryScore negative", Plan + "results", () => Samples.Results().With("results[0].theoryScore", -1), "results[0].theoryScore"),
        C("results: theoryScore a string", Plan + "results", () => Samples.Results().With("results[0].theoryScore", "80"), "results[0].theoryScore"),
        C("results: skillScore missing", Plan + "results", () => Samples.Results().With("results[2].skillScore", Missing), "results[2].skillScore"),
        C("results: passed missing", Plan + "results", () => Samples.Results().With("results[0].passed", Missing), "results[0].passed"),
        C("results: recordedAt not a time", Plan + "results", () => Samples.Results().With("results[0].recordedAt", "2026-12-14 10:00"), "results[0].recordedAt"),
        C("results: editedAfterLock \"no\"", Plan + "results", () => Samples.Results().With("results[0].editedAfterLock", "no"), "results[0].editedAfterLock"),
        C("results: 10001 results", Plan + "results", () => Samples.Results(10_001), "results"),

        // videos
        C("videos: segments missing", Plan + "videos", () => Samples.Videos().With("segments", Missing), "segments"),
        C("videos: room missing", Plan + "videos", () => Samples.Videos().With("segments[0].room", Missing), "segments[0].room"),
        C("videos: cameraId missing", Plan + "videos", () => Samples.Videos().With("segments[1].cameraId", Missing), "segments[1].cameraId"),
        C("videos: from missing", Plan + "videos", () => Samples.Videos().With("segments[0].from", Missing), "segments[0].from"),
        C("videos: to before from", Plan + "videos", () => Samples.Videos().With("segments[0].to", "2026-12-12T08:00:00+08:00"), "segments[0].to"),
        C("videos: resolution 4k", Plan + "videos", () => Samples.Videos().With("segments[0].resolution", "4k"), "segments[0].resolution"),
        C("videos: resolution a number", Plan + "videos", () => Samples.Videos().With("segments[0].resolution", 720), "segments[0].resolution"),
        C("videos: more covered than in the room", Plan + "videos", () => Samples.Videos().With("segments[1].candidatesCovered", 21), "segments[1].candidatesCovered"),
        C("videos: candidatesInRoom negative", Plan + "videos", () => Samples.Videos().With("segments[0].candidatesInRoom", -1), "segments[0].candidatesInRoom"),

        // disclosures
        C("disclosure: kind unknown", Plan + "disclosures", () => Samples.Disclosure().With("kind", "news"), "kind"),
        C("disclosure: publishedAt missing", Plan + "disclosures", () => Samples.Disclosure().With("publishedAt", Missing), "publishedAt"),
        C("disclosure: until before publishedAt", Plan + "disclosures", () => Samples.Disclosure().With("until", "2026-12-14T09:00:00+08:00"), "until"),
        C("disclosure: until missing", Plan + "disclosures", () => Samples.Disclosure().With("until", Missing), "until"),

        // surveys
        C("surveys: responses missing", Plan + "surveys", () => Samples.Surveys().With("responses", Missing), "responses"),
        C("surveys: satisfaction 0", Plan + "surveys", () => Samples.Surveys().With("responses[0].satisfaction", 0), "responses[0].satisfaction"),
        C("surveys: satisfaction 6", Plan + "surveys", () => Samples.Surveys().With("responses[1].satisfaction", 6), "responses[1].satisfaction"),
        C("surveys: candidateId check character wrong", Plan + "surveys", () => Samples.Surveys().With("responses[0].candidateId", Samples.WithWrongCheck(Id)), "responses[0].candidateId"),
        C("surveys: complaint missing", Plan + "surveys", () => Samples.Surveys().With("responses[1].complaint", Missing), "responses[1].complaint"),
        C("surveys: same candidate twice", Plan + "surveys", () => Samples.Surveys().With("responses[1].candidateId", Id), "responses[1].candidateId"),

        // close
        C("close: closedAt missing", Plan + "close", () => Samples.Close().With("closedAt", Missing), "closedAt"),
        C("close: closedAt a word", Plan + "close", () => Samples.Close().With("closedAt", "today"), "closedAt"),

        // certificates
        C("certificates: list missing", Certificates, () => Samples.Certificates().With("certificates", Missing), "certificates"),
        C("certificates: number starting with X", Certificates, () => Samples.Certificates().With("certificates[0].certificateNo", "X000133000001264000001"), "certificates[0].certificateNo"),
        C("certificates: number outside Zhejiang", Certificates, () => Samples.Certificates().With("certificates[0].certificateNo", "S000111000001264000001"), "certificates[0].certificateNo"),
        C("certificates: number of 20 digits", Certificates, () => Samples.Certificates().With("certificates[0].certificateNo", "S00013300000126400000"), "certificates[0].certificateNo"),
        C("certificates: number's level digit differs", Certificates, () => Samples.Certificates().With("certificates[1].certificateNo", "S000133000001263000002"), "certificates[1].certificateNo"),
        C("certificates: same number twice", Certificates, () => Samples.Certificates().With("certificates[1].certificateNo", "S000133000001264000001"), "certificates[1].certificateNo"),
        C("certificates: candidateId check character wrong", Certificates, () => Samples.Certificates().With("certificates[0].candidateId", Samples.WithWrongCheck(Id)), "certificates[0].candidateId"),
        C("certificates: planId bad", Certificates, () => Samples.Certificates().With("certificates[0].planId", "P 1"), "certificates[0].planId"),
        C("certificates: occupationCode bad", Certificates, () => Samples.Certificates().With("certificates[0].occupationCode", "4-03"), "certificates[0].occupationCode"),
        C("certificates: level 9", Certificates, () => Samples.Certificates().With("certificates[0].level", 9), "certificates[0].level"),
        C("certificates: issuedAt missing", Certificates, () => Samples.Certificates().With("certificates[1].issuedAt", Missing), "certificates[1].issuedAt"),

        // A whole value is matched: .NET's $ also matches before a final newline, \z does not.
        C("planId with a trailing newline", P, () => Samples.Plan().With("planId", "SEC-1\n"), "planId"),
        C("orgCode with a trailing newline", P, () => Samples.Plan().With("orgCode", "S3001\n"), "orgCode"),
        C("orgName with a trailing newline", P, () => Samples.Plan().With("orgName", "某培训学校\n"), "orgName"),
        C("regionCode with a trailing newline", P, () => Samples.Plan().With("regionCode", "330106\n"), "regionCode"),
        C("occupationCode with a trailing newline", P, () => Samples.Plan().With("occupationCode", "4-03-02-01\n"), "occupationCode"),
        C("certificateNo with a trailing newline", Certificates, () => Samples.Certificates().With("certificates[0].certificateNo", "S000133000001264000001\n"), "certificates[0].certificateNo"),
        C("certificates: planId with a trailing newline", Certificates, () => Samples.Certificates().With("certificates[0].planId", "P-2026-0001\n"), "certificates[0].planId"),
        C("candidateId with a trailing newline", Certificates, () => Samples.Certificates().With("certificates[0].candidateId", Id + "\n"), "certificates[0].candidateId"),

        // POST /api/v1/plans: the org's registered region (optional)
        C("orgRegionCode in Beijing", P, () => Samples.Plan().With("orgRegionCode", "110101"), "orgRegionCode"),
        C("orgRegionCode a number", P, () => Samples.Plan().With("orgRegionCode", 330203), "orgRegionCode"),

        // POST /api/v1/applications (浙江省职业技能等级认定申请表)
        C("application: applicationId with a space", A, () => Samples.Application().With("applicationId", "A 1"), "applicationId"),
        C("application: applicationId missing", A, () => Samples.Application().With("applicationId", Missing), "applicationId"),
        C("application: orgRegionCode missing", A, () => Samples.Application().With("orgRegionCode", Missing), "orgRegionCode"),
        C("application: site in the org's own county", A, () => Samples.Application().With("siteRegionCode", "330203"), "siteRegionCode"),
        C("application: site in the org's own city", A, () => Samples.Application().With("siteRegionCode", "330200"), "siteRegionCode"),
        C("application: siteRegionCode outside Zhejiang", A, () => Samples.Application().With("siteRegionCode", "310101"), "siteRegionCode"),
        C("application: siteAddress of 201 characters", A, () => Samples.Application().With("siteAddress", new string('路', 201)), "siteAddress"),
        C("application: contactPhone with a control character", A, () => Samples.Application().With("contactPhone", "0574\u0007"), "contactPhone"),
        C("application: no lines", A, () => Samples.Application().With("lines", new JsonArray()), "lines"),
        C("application: line level 6", A, () => Samples.Application().With("lines[0].level", 6), "lines[0].level"),
        C("application: line headcount 0", A, () => Samples.Application().With("lines[0].headcount", 0), "lines[0].headcount"),
        C("application: line examDate with a time", A, () => Samples.Application().With("lines[0].examDate", "2026-12-21T09:00:00+08:00"), "lines[0].examDate"),
        C("application: line examDate 2026-02-30", A, () => Samples.Application().With("lines[0].examDate", "2026-02-30"), "lines[0].examDate"),
        C("application: line occupationCode bad", A, () => Samples.Application().With("lines[0].occupationCode", "4-03"), "lines[0].occupationCode"),
        C("application: line targetGroup missing", A, () => Samples.Application().With("lines[0].targetGroup", Missing), "lines[0].targetGroup"),
        C("application: appliedAt a date only", A, () => Samples.Application().With("appliedAt", "2026-11-20"), "appliedAt"),

        // POST /api/v1/sites (考点备案)
        C("site: siteCode missing", Sites, () => Samples.Site().With("siteCode", Missing), "siteCode"),
        C("site: siteCode of 33 characters", Sites, () => Samples.Site().With("siteCode", new string('K', 33)), "siteCode"),
        C("site: orgRegionCode outside Zhejiang", Sites, () => Samples.Site().With("orgRegionCode", "110101"), "orgRegionCode"),
        C("site: regionCode missing", Sites, () => Samples.Site().With("regionCode", Missing), "regionCode"),
        C("site: siteName with a control character", Sites, () => Samples.Site().With("siteName", "考点\u0001"), "siteName"),
        C("site: filedAt a number", Sites, () => Samples.Site().With("filedAt", 20261101), "filedAt"),
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_field_is_refused_with_problem_details_naming_it(Case bad)
    {
        using var client = app.Client();
        var response = await client.PostAsJsonAsync(bad.Path, bad.Body());
        await AssertNamesAsync(response, bad.Field);
    }

    public static TheoryData<string, string, string> RawBodies() => new()
    {
        { "not JSON", "{\"planId\": ", "body" },
        { "a JSON array", "[]", "body" },
        { "a JSON string", "\"plan\"", "body" },
        { "a JSON number", "42", "body" },
        { "empty", "", "body" },
        { "JSON null", "null", "body" },
        { "a property twice", "{\"planId\": \"P-1\", \"planId\": \"P-2\"}", "planId" },
        { "a property twice in another case", "{\"planId\": \"P-1\", \"PlanId\": \"P-2\"}", "PlanId" },
        { "nested 100 deep", new string('[', 100) + new string(']', 100), "body" },
    };

    [Theory]
    [MemberData(nameof(RawBodies))]
    public async Task A_body_that_is_not_a_JSON_object_is_refused(string name, string body, string field)
    {
        using var client = app.Client();
        var response = await client.PostAsync(P, new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertNamesAsync(response, field, name);
    }

    [Theory]
    [InlineData("a key with spaces")]
    [InlineData("a key of 256 characters")]
    public async Task A_malformed_idempotency_key_is_refused(string fault)
    {
        var key = fault == "a key with spaces" ? "key with spaces" : new string('k', 256);
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, P) { Content = JsonContent.Create(Samples.Plan()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        await AssertNamesAsync(response, "Idempotency-Key");
    }

    [Fact]
    public async Task A_problem_names_every_bad_field_at_once_and_never_repeats_an_id_number()
    {
        var bad = Samples.WithWrongCheck(Id);
        var body = Samples.Results()
            .With("results[0].candidateId", bad)
            .With("results[1].theoryScore", "high")
            .With("results[2].recordedAt", Missing);
        using var client = app.Client();
        var response = await client.PostAsJsonAsync(Plan + "results", body);

        var errors = await AssertNamesAsync(response, "results[0].candidateId");
        Assert.True(errors.TryGetProperty("results[1].theoryScore", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("results[2].recordedAt", out _), errors.ToString());
        Assert.DoesNotContain(bad[..17], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_corpus_holds_at_least_100_distinct_bad_inputs()
    {
        var cases = ((IEnumerable<object[]>)Corpus()).Select(row => (Case)row[0]).ToList();
        Assert.True(cases.Count >= 100, $"{cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        Assert.Equal(cases.Count, cases.Select(c => c.Path + c.Body().ToJsonString()).Distinct().Count());
    }

    static async Task<JsonElement> AssertNamesAsync(HttpResponseMessage response, string field, string? context = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{context} expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{context} the problem should name {field}: {errors}");
        return errors;
    }
}
