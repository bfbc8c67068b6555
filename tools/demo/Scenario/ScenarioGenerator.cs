using System.Globalization;

namespace Monitoring.Demo.Scenario;

/// <summary>
/// A realistic exam period, deterministic for a seed: plans across the 11 cities, candidates with valid
/// synthetic 身份证号, and every fact ingest takes, with faults planted at known rates. Exams end 25 to 45
/// days before <c>today</c>, so every plan can be closed and its score is final; everything a clean plan
/// reports passes every rule of the default policy, so each plan's score is exactly what its fault costs.
/// A clean plan reports in full what the rules may judge (who staffed its rooms, the evidence of a share of its
/// reviewed applicants, a self-built paper's review and filing): reported properly, none of it costs a point.
/// </summary>
public sealed class ScenarioGenerator(int seed, string tag, DateTimeOffset today)
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Shares of plans carrying each fault (the rest are clean), and of plans paired by one person's two certificates.</summary>
    public static readonly IReadOnlyList<(Fault Fault, double Rate)> Rates =
    [
        (Fault.Failing, 0.08), (Fault.Termination, 0.04), (Fault.OutsidePool, 0.06), (Fault.VideoGap, 0.06),
        (Fault.LateResults, 0.05), (Fault.EditedResult, 0.05), (Fault.OutOfRegion, 0.03), (Fault.OutOfRegionApproved, 0.03),
        (Fault.FeesUnpublished, 0.03), (Fault.SiteNotInRegistry, 0.03), (Fault.SiteInRegistry, 0.03),
        (Fault.FavouredExaminer, 0.12), (Fault.SmallPool, 0.1), (Fault.UnfoundedShortage, 0.03),
        (Fault.ShortStaffed, 0.02), (Fault.UnqualifiedExaminer, 0.02), (Fault.DelegatedSite, 0.02),
        (Fault.DispatchedUnderThreeMonths, 0.02), (Fault.SelfBuiltPaperUnapproved, 0.02), (Fault.StaffCertified, 0.02),
    ];

    /// <summary>The plans of an org planted for examiner draws (<see cref="Fault.FavouredExaminer"/>, <see cref="Fault.SmallPool"/>): each kind's plans, in the day's order, four to an org.</summary>
    public const int DrawGroupSize = 4;

    /// <summary>The plans of an org planted for <see cref="Fault.StaffCertified"/>: the plan its examiner served, and the plan that certified them.</summary>
    public const int StaffGroupSize = 2;

    public const double DuplicateCertificatePairs = 0.03;

    readonly Random random = new(seed);

    // People differ between runs (tags) of one seed: certifying the same people again in a database that keeps
    // an earlier run would be "one person, several certificates" for real. Same seed and tag: the same people.
    readonly Random peopleRandom = new(seed ^ StableHash(tag));
    readonly HashSet<string> people = [];

    // Staff draw from a stream of their own, so candidates are the same people as without staffing; a person keeps one
    // number in every plan they serve (the favoured and the small pool's examiners serve several).
    readonly Random staffRandom = new(seed ^ StableHash(tag) ^ 0x57AFF);
    readonly Dictionary<string, string> staffNumbers = new(StringComparer.Ordinal);
    int staffSerial;

    public GeneratedScenario Generate(int plans, int candidatesPerPlan = 50)
    {
        var faults = AssignFaults(plans);
        var planned = new List<PlannedPlan>();
        var facts = new List<Submission>();
        var closings = new List<Submission>();
        var applications = new List<PlannedApplication>();
        var sites = new List<PlannedSite>();
        var certificates = new List<(PlannedPlan Plan, string Candidate, DateTimeOffset IssuedAt, int Level, string Occupation)>();
        var serial = 0;
        var groups = Groups(faults);
        // Per StaffCertified group, the 身份证号 of the staff member its certificate is issued to.
        var certifiedStaff = new Dictionary<int, string>();

        for (var i = 0; i < plans; i++)
        {
            var city = Geography.Cities[i % Geography.Cities.Count];
            var county = city.Counties[random.Next(city.Counties.Count)];
            var occupation = Geography.Occupations[random.Next(Geography.Occupations.Count)];
            var level = 5 - random.Next(4);
            var candidates = Math.Max(10, candidatesPerPlan + random.Next(-candidatesPerPlan / 2, candidatesPerPlan / 2 + 1));
            var fault = faults[i];
            var planId = $"D{tag}-{county.Code}-{i + 1:D4}";
            var orgSerial = 1 + i % 9000;
            // An org evaluating out of its region is registered in the next city's first county.
            var outOfRegion = fault is Fault.OutOfRegion or Fault.OutOfRegionApproved;
            var home = outOfRegion ? Geography.Cities[(i + 1) % Geography.Cities.Count].Counties[0] : county;
            var orgCode = $"S{home.Code}{orgSerial:D4}";
            var examStart = Day(today, -25 - random.Next(21)).AddHours(9);
            var orgName = $"{county.Name}{occupation.Name}职业技能培训学校";
            var group = groups.TryGetValue(i, out var member) ? member : ((int Group, int Rank, int Size)?)null;
            if (group is { } g)
            {
                orgCode = GroupOrg(fault, g.Group);
                orgName = $"{GroupMark(fault)}{g.Group + 1}号职业技能培训学校";
                if (fault is Fault.FavouredExaminer or Fault.SmallPool)
                {
                    // One occupation and level (the pool is drawn per occupation and level); the favoured examiner's
                    // plans a few days apart in rank order, so the 4th is the one that completes the pattern.
                    occupation = Geography.Occupations[g.Group % Geography.Occupations.Count];
                    level = 4;
                }
                if (fault == Fault.FavouredExaminer)
                    examStart = Day(today, -45 + 4 * g.Rank).AddHours(9);
            }
            var orgKind = "social";
            if (fault == Fault.DispatchedUnderThreeMonths)
            {
                // An enterprise evaluating its own workers, some of them dispatched to it by an agency.
                orgKind = "enterprise";
                orgCode = $"Y{home.Code}{orgSerial:D4}";
                orgName = $"{city.Name}{county.Name}精工制造有限公司";
            }
            // The org next door, whose site a plan may be held at.
            var neighbour = $"S{county.Code}{orgSerial % 9000 + 1:D4}";
            var examEnd = examStart.AddHours(8);
            var ids = Enumerable.Range(0, candidates).Select(_ => IdentityNumber(county.Code, ++serial)).ToList();
            if (fault == Fault.StaffCertified)
            {
                // The staff member sits the certifying plan's exam as its second candidate (the first fails, n % 5 below):
                // the examiner of the group's first plan, or, for a plan without a second, one of its own exam staff.
                var person = certifiedStaff.TryGetValue(group!.Value.Group, out var planted) ? planted : certifiedStaff[group.Value.Group] = NewStaffNumber();
                if (group.Value.Size == 1)
                {
                    ids[1] = person;
                    staffNumbers[ExamStaffId(i, 0)] = person;
                }
                else if (group.Value.Rank == 0)
                    staffNumbers[ExaminerId(Own(i, 0))] = person;
                else
                    ids[1] = person;
            }

            facts.Add(new("plan", null, new
            {
                planId, orgCode, orgName, orgKind, regionCode = county.Code,
                occupationCode = occupation.Code, occupationName = occupation.Name, level, candidateCount = candidates,
                examStart, examEnd, siteCode = $"KD{county.Code}{1 + i % 50:D3}", siteRegistered = true, withinFiledScope = true,
                announcedAt = examStart.AddDays(-40), orgRegionCode = home.Code,
            }));
            facts.Add(new("disclosures", planId, new { kind = "plan", publishedAt = examStart.AddDays(-40), until = examStart }));
            if (fault != Fault.FeesUnpublished)
                facts.Add(new("disclosures", planId, new { kind = "fees", publishedAt = examStart.AddDays(-40), until = examStart }));
            if (fault is Fault.SiteNotInRegistry or Fault.SiteInRegistry)
            {
                // The org's registered site: the plan's, or another one (the plan is then held at a site never filed).
                var siteCode = fault == Fault.SiteInRegistry ? $"KD{county.Code}{1 + i % 50:D3}" : $"KD{county.Code}{900 + i % 50:D3}";
                sites.Add(new PlannedSite(orgCode, siteCode, new("site", null, new
                {
                    siteCode, orgCode, orgRegionCode = home.Code, siteName = $"{county.Name}考点{siteCode[^3..]}",
                    siteAddress = $"{city.Name}{county.Name}职教路{siteCode[^3..]}号", regionCode = county.Code, filedAt = examStart.AddDays(-90),
                })));
            }
            if (outOfRegion)
            {
                var applicationId = $"A{tag}-{i + 1:D4}";
                applications.Add(new PlannedApplication(applicationId, new("application", null, new
                {
                    applicationId, orgCode, orgName = $"{home.Name}{occupation.Name}职业技能培训学校", orgRegionCode = home.Code,
                    contactName = "王老师", contactPhone = "0571-8800" + (i % 10000).ToString("D4", CultureInfo.InvariantCulture),
                    siteName = $"{county.Name}考点{1 + i % 50}", siteAddress = $"{city.Name}{county.Name}职教路{1 + i % 50}号", siteRegionCode = county.Code,
                    lines = new[]
                    {
                        new
                        {
                            occupationCode = occupation.Code, occupationName = occupation.Name, targetGroup = "社会人员", level, headcount = candidates,
                            examDate = examStart.ToOffset(Shanghai).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        },
                    },
                    appliedAt = examStart.AddDays(-50),
                }), Approve: fault == Fault.OutOfRegionApproved));
            }
            facts.Add(new("qualification-review", planId, Review(fault, i, examStart.AddDays(-10))));
            var (drawn, poolSize) = Draw(fault, i, group);
            facts.Add(new("examiners", planId, new
            {
                examiners = drawn.Select(d => new { examinerId = d.Id, source = d.Source, reason = d.Reason, trainedTheseCandidates = false }).ToArray(),
                poolSize,
            }));
            facts.Add(new("papers", planId, Paper(fault, i, examStart)));
            facts.Add(new("execution", planId, new { actualStart = examStart, actualEnd = examEnd, siteCode = $"KD{county.Code}{1 + i % 50:D3}", candidatesPresent = candidates }));
            var supervisorId = fault == Fault.Failing ? null : $"SUP-{city.Code}-{i % 40:D2}";
            facts.Add(new("supervision", planId, new
            {
                supervisorId, findings = supervisorId is null ? Array.Empty<object>() : [new { findingId = $"F-{i}-1", closed = true }],
            }));
            facts.Add(new("staffing", planId, Staffing(fault, i, orgCode, neighbour, occupation.Code, level, candidates, [.. drawn.Select(d => d.Id)], supervisorId)));
            facts.Add(new("videos", planId, new { segments = Videos(fault, examStart, examEnd, candidates) }));

            var recordedAt = fault == Fault.LateResults ? examEnd.AddDays(20) : examEnd.AddDays(1);
            var edits = fault switch { Fault.Failing => 2, Fault.EditedResult => 1, _ => 0 };
            var results = ids.Select((id, n) =>
            {
                var passed = n % 5 != 0; // 80 % pass
                var theory = passed ? 64 + random.Next(34) : 30 + random.Next(28);
                return new { candidateId = id, theoryScore = theory, skillScore = passed ? 66 + random.Next(30) : 40 + random.Next(18), passed, recordedAt, editedAfterLock = n < edits };
            }).ToList();
            facts.Add(new("results", planId, new { results }));
            facts.Add(new("disclosures", planId, new { kind = "results", publishedAt = examEnd.AddDays(2), until = examEnd.AddDays(23) }));
            facts.Add(new("surveys", planId, new
            {
                responses = ids.Take(candidates * 6 / 10).Select((id, n) => new { candidateId = id, satisfaction = n % 3 == 0 ? 4 : 5, complaint = false }).ToList(),
            }));

            var completesPattern = fault == Fault.FavouredExaminer && group?.Rank == DrawGroupSize - 1;
            // The plan whose examiner another plan of the org certifies: nothing wrong with the plan itself.
            var servedOnly = fault == Fault.StaffCertified && group is { Rank: 0, Size: > 1 };
            var plan = new PlannedPlan(planId, orgCode, county.Code, city.Code, city.Name, candidates, fault,
                completesPattern ? 95 : servedOnly ? 100 : ExpectedScore(fault), false,
                completesPattern ? [("orange", "examiner-draw-not-random")] : servedOnly ? [] : ExpectedWarnings(fault));
            planned.Add(plan);
            foreach (var (result, id) in results.Zip(ids).Where(r => r.First.passed).Take(10))
                certificates.Add((plan, id, examEnd.AddDays(5), level, occupation.Code));
            closings.Add(new("close", planId, new { closedAt = Day(today, -1).AddHours(10) }));
        }

        // One person certified by two plans a few weeks apart: a red breach on both.
        var pairs = (int)Math.Round(plans * DuplicateCertificatePairs);
        var clean = planned.Where(p => p.Fault == Fault.None).ToList();
        for (var p = 0; p < pairs && 2 * p + 1 < clean.Count; p++)
        {
            var (first, second) = (clean[2 * p], clean[2 * p + 1]);
            var person = certificates.First(c => c.Plan == first).Candidate;
            certificates.Add((second, person, certificates.First(c => c.Plan == second).IssuedAt, 4, Geography.Occupations[0].Code));
            foreach (var plan in new[] { first, second })
                planned[planned.IndexOf(plan)] = plan with { DuplicateCertificate = true, ExpectedWarnings = [("red", "one-person-several-certificates")] };
        }

        // Certificate numbers are national identities: a later run must not reuse an earlier run's numbers.
        var certificateSerial = (int)((uint)StableHash(tag) % 900_000);
        foreach (var group in certificates.GroupBy(c => c.Plan.PlanId))
        {
            var orgDigits = group.First().Plan.OrgCode[^4..];
            facts.Add(new("certificates", null, new
            {
                certificates = group.Select(c => new
                {
                    certificateNo = string.Create(CultureInfo.InvariantCulture,
                        $"{c.Plan.OrgCode[0]}{orgDigits}33{c.Plan.RegionCode}{c.IssuedAt.Year % 100:D2}{c.Level}{++certificateSerial % 1_000_000:D6}"),
                    candidateId = c.Candidate, planId = c.Plan.PlanId, occupationCode = c.Occupation, level = c.Level, issuedAt = c.IssuedAt,
                }).ToList(),
            }));
        }
        return new GeneratedScenario(seed, tag, planned, facts, closings) { Applications = applications, Sites = sites };
    }

    List<Fault> AssignFaults(int plans)
    {
        var faults = new List<Fault>();
        foreach (var (fault, rate) in Rates)
            faults.AddRange(Enumerable.Repeat(fault, (int)Math.Round(plans * rate)));
        faults.AddRange(Enumerable.Repeat(Fault.None, Math.Max(0, plans - faults.Count)));
        return faults.Take(plans).OrderBy(_ => random.Next()).ToList();
    }

    /// <summary>
    /// Each <see cref="Fault.FavouredExaminer"/>, <see cref="Fault.SmallPool"/> and <see cref="Fault.StaffCertified"/> plan's org
    /// (its group), rank in it and the group's number of plans (the last group of a kind may be short), by the plan's index.
    /// </summary>
    static Dictionary<int, (int Group, int Rank, int Size)> Groups(List<Fault> faults)
    {
        var groups = new Dictionary<int, (int Group, int Rank, int Size)>();
        foreach (var (kind, size) in ((Fault, int)[])[(Fault.FavouredExaminer, DrawGroupSize), (Fault.SmallPool, DrawGroupSize), (Fault.StaffCertified, StaffGroupSize)])
        {
            var members = faults.Select((fault, index) => (fault, index)).Where(p => p.fault == kind).Select(p => p.index).ToList();
            for (var n = 0; n < members.Count; n++)
                groups[members[n]] = (n / size, n % size, Math.Min(size, members.Count - n / size * size));
        }
        return groups;
    }

    static string GroupMark(Fault fault) => fault switch
    {
        Fault.FavouredExaminer => "甲",
        Fault.SmallPool => "乙",
        _ => "丙",
    };

    /// <summary>
    /// A planted group's org, its own in every run: its plans' windows must not take in an earlier run's plans of the same
    /// org on a database that keeps them. Ends in 4 digits, as certificate numbers take an org's last four.
    /// </summary>
    string GroupOrg(Fault fault, int group) => string.Create(CultureInfo.InvariantCulture,
        $"SG{(uint)StableHash(tag) % 100_000:D5}{fault switch { Fault.FavouredExaminer => 'F', Fault.SmallPool => 'P', _ => 'C' }}{group:D4}");

    static decimal ExpectedScore(Fault fault) => fault switch
    {
        Fault.Failing => 50,
        Fault.Termination => 85,
        Fault.OutsidePool => 95,
        Fault.VideoGap => 90,
        Fault.LateResults => 98,
        Fault.EditedResult => 95,
        Fault.OutOfRegion => 90,
        Fault.FeesUnpublished => 95,
        Fault.SiteNotInRegistry => 95,
        Fault.UnfoundedShortage => 95,
        Fault.ShortStaffed => 97,
        Fault.UnqualifiedExaminer => 95,
        Fault.DelegatedSite => 90,
        Fault.DispatchedUnderThreeMonths => 90,
        Fault.SelfBuiltPaperUnapproved => 95,
        Fault.StaffCertified => 95,
        _ => 100,
    };

    static IReadOnlyList<(string Level, string Kind)> ExpectedWarnings(Fault fault) => fault switch
    {
        Fault.Failing => [("red", "examiner-outside-pool"), ("orange", "video-coverage"), ("orange", "score-below-60")],
        Fault.Termination => [("red", "plan-termination-recommended")],
        Fault.OutsidePool => [("red", "examiner-outside-pool")],
        Fault.VideoGap => [("orange", "video-coverage")],
        Fault.OutOfRegion => [("red", "outside-region-unapproved")],
        Fault.SiteNotInRegistry => [("red", "unregistered-site"), ("yellow", "site-registration-mismatch")],
        Fault.UnfoundedShortage => [("orange", "unfounded-pool-shortage")],
        Fault.ShortStaffed => [("orange", "short-staffed")],
        Fault.UnqualifiedExaminer => [("orange", "unqualified-examiner")],
        Fault.DelegatedSite => [("red", "delegated-evaluation")],
        Fault.SelfBuiltPaperUnapproved => [("orange", "self-built-paper-unapproved")],
        Fault.StaffCertified => [("red", "staff-certified")],
        _ => [],
    };

    /// <summary>
    /// The examiners drawn for a plan, three of them, with the pool's size. Ids carry the run's tag (a rerun on a database that
    /// keeps an earlier run never meets the same examiner) and are the plan's own, but for the planted draws.
    /// </summary>
    (IReadOnlyList<(string Id, string Source, string? Reason)> Drawn, int PoolSize) Draw(Fault fault, int plan, (int Group, int Rank, int Size)? group)
    {
        (string, string, string?) Examiner(string id, string source = "pool", string? reason = null) => (ExaminerId(id), source, reason);

        switch (fault)
        {
            case Fault.FavouredExaminer:
                // Drawn into every plan of the org but the 2nd.
                return ([Examiner(group!.Value.Rank == 1 ? Own(plan, 0) : $"F{group.Value.Group}"), Examiner(Own(plan, 1)), Examiner(Own(plan, 2))], 300);
            case Fault.SmallPool:
                return ([Examiner($"P{group!.Value.Group}-1"), Examiner($"P{group.Value.Group}-2"), Examiner(Own(plan, 2), "internal-emergency", "pool-shortage")], 2);
            case Fault.UnfoundedShortage:
                return ([Examiner(Own(plan, 0)), Examiner(Own(plan, 1)), Examiner(Own(plan, 2), "internal-emergency", "pool-shortage")], 40);
            default:
                var outside = fault switch { Fault.Failing => 2, Fault.OutsidePool => 1, _ => 0 };
                return ([.. Enumerable.Range(0, 3).Select(n => Examiner(Own(plan, n), n < outside ? "outside-pool" : "pool"))], 40 + plan * 37 % 300);
        }
    }

    static string Own(int plan, int n) => string.Create(CultureInfo.InvariantCulture, $"{plan}-{n}");

    string ExaminerId(string id) => $"E{tag}-{id}";

    string ExamStaffId(int plan, int n) => string.Create(CultureInfo.InvariantCulture, $"K{tag}-{plan}-{n}");

    /// <summary>
    /// The center's re-check of a sample of applicants. Two plans in three send the sampled applicants one by one with the
    /// evidence their group needs (二(三)): everyone let through has enough of it (one piece or the other where the notice
    /// accepts either), and those turned down have none.
    /// </summary>
    static object Review(Fault fault, int plan, DateTimeOffset reviewedAt)
    {
        if (fault == Fault.DispatchedUnderThreeMonths)
        {
            // 2 turned down, 18 let through: employees and dispatched workers, one of whom has been on the job 2 months.
            return new
            {
                sampled = 20, nonQualifying = 2, reviewedAt,
                records = Enumerable.Range(0, 20).Select(n => n < 2 ? Employee(false, n) : n % 2 == 0 ? Employee(true, n) : Dispatched(n switch { 3 => 2, 5 => 3, _ => 6 + n }))
                    .ToArray(),
            };
        }
        var (sampled, nonQualifying) = fault == Fault.Termination ? (12, 4) : (10, 0);
        if (plan % 3 == 2)
            return new { sampled, nonQualifying, reviewedAt };
        return new { sampled, nonQualifying, reviewedAt, records = Enumerable.Range(0, sampled).Select(n => Applicant(n >= nonQualifying, n)).ToArray() };
    }

    /// <summary>A member of the public or a student applying to a training school.</summary>
    static object Applicant(bool qualifying, int n) => (qualifying, n % 2) switch
    {
        (false, _) => new { group = "social", qualifying, workHistoryVerified = false, supportingDocuments = false },
        (_, 0) => new { group = "social", qualifying, workHistoryVerified = n % 4 == 0, supportingDocuments = n % 4 != 0 },
        _ => new { group = "student", qualifying, enrolmentVerified = n % 3 != 0, enrolmentRecordUploaded = n % 3 == 0 },
    };

    /// <summary>An enterprise's own employee: a labour contract, and social insurance or (one in four) other proof of being on the job.</summary>
    static object Employee(bool qualifying, int n) => qualifying
        ? new { group = "enterprise", qualifying, socialInsurance = n % 4 != 0, labourContract = true, alternativeEvidence = n % 4 == 0 }
        : new { group = "enterprise", qualifying, socialInsurance = true, labourContract = false, alternativeEvidence = false };

    static object Dispatched(int monthsOnJob) =>
        new { group = "dispatched", qualifying = true, socialInsurance = true, labourContract = true, dispatchAgreement = true, monthsOnJob };

    /// <summary>
    /// The paper: a national bank's, or (one plan in four, and the failing plans') a self-built paper reviewed by experts and
    /// filed with the center 20 days before the exam (二(四)).
    /// </summary>
    static object Paper(Fault fault, int plan, DateTimeOffset examStart) => fault switch
    {
        Fault.Failing => new { bank = "self-built", reusedItems = 3, theoryOnComputer = false, paperExamApproved = false, expertReviewed = true, filedAt = examStart.AddDays(-20) },
        Fault.SelfBuiltPaperUnapproved => new { bank = "self-built", reusedItems = 0, theoryOnComputer = true, paperExamApproved = false, expertReviewed = true, filedAt = examStart.AddHours(2) },
        _ when plan % 4 == 1 => new { bank = "self-built", reusedItems = 0, theoryOnComputer = true, paperExamApproved = false, expertReviewed = true, filedAt = examStart.AddDays(-20) },
        _ => new { bank = "national", reusedItems = 0, theoryOnComputer = true, paperExamApproved = false },
    };

    /// <summary>
    /// Who ran the exam (一(一)): the theory exam in the filmed rooms of at most 25 candidates, two invigilating examiners each
    /// (at most 1:15, at least 2 a room); the skill test in sessions of at most 15, each marked by the three drawn examiners (at
    /// most 1:5, a panel of 3); every examiner certified for the plan's occupation at its level or above; the quality
    /// supervisor the center dispatched (none for a failing plan, which had none: its exam-staff indicator has lost its 10
    /// already, to the examiners from outside the pool); two exam staff of the org. The site is the
    /// org's own, said or left unsaid, or for one plan in ten another org's, with the filing that allows it.
    /// </summary>
    object Staffing(Fault fault, int plan, string orgCode, string neighbour, string occupationCode, int level, int candidates,
        IReadOnlyList<string> drawn, string? supervisorId)
    {
        var theory = (candidates + 24) / 25;
        var skill = (candidates + 14) / 15;
        var invigilators = Enumerable.Range(0, 2 * theory).Select(n => string.Create(CultureInfo.InvariantCulture, $"V{tag}-{plan}-{n}")).ToList();
        var rooms = new List<object>();
        for (var room = 0; room < theory; room++)
        {
            rooms.Add(new
            {
                roomCode = $"R{room + 1:D2}", examKind = "theory", candidates = room < theory - 1 ? 25 : candidates - 25 * (theory - 1),
                examinerIds = new[] { invigilators[2 * room], invigilators[2 * room + 1] },
            });
        }
        for (var session = 0; session < skill; session++)
        {
            rooms.Add(new
            {
                roomCode = $"S{session + 1:D2}", examKind = "skill", candidates = candidates / skill + (session < candidates % skill ? 1 : 0),
                examinerIds = fault == Fault.ShortStaffed && session == 0 ? drawn.Take(2).ToArray() : drawn.ToArray(),
            });
        }

        var staff = new List<object>();
        var examiners = drawn.Concat(invigilators).ToList();
        for (var n = 0; n < examiners.Count; n++)
        {
            var id = examiners[n];
            // One level above the plan's or its own; the planted one a level below, or (a level-5 plan) another occupation's.
            var (certifiedOccupationCode, certifiedLevel) = fault == Fault.UnqualifiedExaminer && n == drawn.Count - 1
                ? level < 5 ? (occupationCode, level + 1) : (Geography.Occupations.First(o => o.Code != occupationCode).Code, level)
                : (occupationCode, Math.Max(1, level - (StableHash(id) & 1)));
            staff.Add(new { personId = id, role = "examiner", idNumber = StaffNumber(id), certifiedOccupationCode, certifiedLevel });
        }
        if (supervisorId is not null)
            staff.Add(new { personId = supervisorId, role = "supervisor", idNumber = StaffNumber(supervisorId) });
        for (var n = 0; n < 2; n++)
            staff.Add(new { personId = ExamStaffId(plan, n), role = "exam-staff", idNumber = StaffNumber(ExamStaffId(plan, n)), employerOrgCode = orgCode });

        var (siteOperatorOrgCode, delegationFilingNo) = fault == Fault.DelegatedSite ? (neighbour, null)
            : plan % 10 == 5 ? (neighbour, string.Create(CultureInfo.InvariantCulture, $"{orgCode}-BA-{plan + 1:D4}"))
            : plan % 2 == 0 ? (orgCode, (string?)null)
            : ((string?)null, (string?)null);
        return new { siteOperatorOrgCode, delegationFilingNo, rooms, staff };
    }

    static object[] Videos(Fault fault, DateTimeOffset start, DateTimeOffset end, int candidates)
    {
        var rooms = (candidates + 24) / 25;
        var segments = new List<object>();
        for (var room = 0; room < rooms; room++)
        {
            var inRoom = room < rooms - 1 ? 25 : candidates - 25 * (rooms - 1);
            if (fault is Fault.VideoGap or Fault.Failing && room == 0)
            {
                // Forty minutes unfilmed in the first room.
                segments.Add(Segment(room, start, start.AddHours(3), inRoom));
                segments.Add(Segment(room, start.AddHours(3).AddMinutes(40), end, inRoom));
            }
            else
                segments.Add(Segment(room, start.AddMinutes(-10), end.AddMinutes(10), inRoom));
        }
        return [.. segments];
    }

    static object Segment(int room, DateTimeOffset from, DateTimeOffset to, int inRoom) =>
        new { room = $"R{room + 1:D2}", cameraId = $"CAM-{room + 1:D2}", from, to, resolution = "1080p", candidatesCovered = inRoom, candidatesInRoom = inRoom };

    /// <summary>The 身份证号 of a person who served, the same in every plan they serve.</summary>
    string StaffNumber(string personId) =>
        staffNumbers.TryGetValue(personId, out var number) ? number : staffNumbers[personId] = NewStaffNumber();

    /// <summary>
    /// A new staff member's 身份证号, born 1965–1994: of 330103 下城区 or 330104 江干区, districts merged away in 2021 whose
    /// people keep their numbers. No candidate is given one, so a staff member is certified only where the scenario plants it.
    /// </summary>
    string NewStaffNumber()
    {
        staffSerial++;
        return IdentityNumber(staffSerial % 2 == 0 ? "330103" : "330104", staffSerial, staffRandom, 1965, 30);
    }

    string IdentityNumber(string region, int serial) => IdentityNumber(region, serial, peopleRandom, 1970, 35);

    /// <summary>
    /// A valid 身份证号 of someone from <paramref name="region"/> born in the <paramref name="years"/> from 1 January of
    /// <paramref name="bornFrom"/> (candidates 1970–2004; ISO 7064 MOD 11-2 check character), never one already given: only
    /// the planted pairs may certify one person twice.
    /// </summary>
    string IdentityNumber(string region, int serial, Random random, int bornFrom, int years)
    {
        while (true)
        {
            var born = new DateOnly(bornFrom, 1, 1).AddDays(random.Next(years * 365));
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{region}{born:yyyyMMdd}{serial % 1000:D3}");
            var sum = 0;
            for (var i = 0; i < 17; i++)
                sum += (first17[i] - '0') * Weights[i];
            var number = first17 + "10X98765432"[sum % 11];
            if (people.Add(number))
                return number;
        }
    }

    static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return (int)hash;
    }

    static DateTimeOffset Day(DateTimeOffset today, int days)
    {
        var local = today.ToOffset(Shanghai).Date.AddDays(days);
        return new DateTimeOffset(local, Shanghai);
    }
}
