using System.Globalization;

namespace Monitoring.Demo.Scenario;

/// <summary>
/// A realistic exam period, deterministic for a seed: plans across the 11 cities, candidates with valid
/// synthetic 身份证号, and every fact ingest takes, with faults planted at known rates. Exams end 25 to 45
/// days before <c>today</c>, so every plan can be closed and its score is final; everything a clean plan
/// reports passes every rule of the default policy, so each plan's score is exactly what its fault costs.
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
    ];

    /// <summary>The plans of an org planted for examiner draws (<see cref="Fault.FavouredExaminer"/>, <see cref="Fault.SmallPool"/>): each kind's plans, in the day's order, four to an org.</summary>
    public const int DrawGroupSize = 4;

    public const double DuplicateCertificatePairs = 0.03;

    readonly Random random = new(seed);

    // People differ between runs (tags) of one seed: certifying the same people again in a database that keeps
    // an earlier run would be "one person, several certificates" for real. Same seed and tag: the same people.
    readonly Random peopleRandom = new(seed ^ StableHash(tag));
    readonly HashSet<string> people = [];

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
        var groups = DrawGroups(faults);

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
            var group = groups.TryGetValue(i, out var member) ? member : ((int Group, int Rank)?)null;
            if (group is { } g)
            {
                // One org, one occupation and level (the pool is drawn per occupation and level); the favoured examiner's
                // plans a few days apart in rank order, so the 4th is the one that completes the pattern.
                orgCode = GroupOrg(fault, g.Group);
                orgName = $"{(fault == Fault.FavouredExaminer ? "甲" : "乙")}{g.Group + 1}号职业技能培训学校";
                occupation = Geography.Occupations[g.Group % Geography.Occupations.Count];
                level = 4;
                if (fault == Fault.FavouredExaminer)
                    examStart = Day(today, -45 + 4 * g.Rank).AddHours(9);
            }
            var examEnd = examStart.AddHours(8);
            var ids = Enumerable.Range(0, candidates).Select(_ => IdentityNumber(county.Code, ++serial)).ToList();

            facts.Add(new("plan", null, new
            {
                planId, orgCode, orgName, orgKind = "social", regionCode = county.Code,
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
            facts.Add(new("qualification-review", planId, fault == Fault.Termination
                ? new { sampled = 12, nonQualifying = 4, reviewedAt = examStart.AddDays(-10) }
                : new { sampled = 10, nonQualifying = 0, reviewedAt = examStart.AddDays(-10) }));
            facts.Add(new("examiners", planId, Examiners(fault, i, group)));
            facts.Add(new("papers", planId, fault == Fault.Failing
                ? new { bank = "self-built", reusedItems = 3, theoryOnComputer = false, paperExamApproved = false }
                : new { bank = "national", reusedItems = 0, theoryOnComputer = true, paperExamApproved = false }));
            facts.Add(new("execution", planId, new { actualStart = examStart, actualEnd = examEnd, siteCode = $"KD{county.Code}{1 + i % 50:D3}", candidatesPresent = candidates }));
            facts.Add(new("supervision", planId, fault == Fault.Failing
                ? new { supervisorId = (string?)null, findings = Array.Empty<object>() }
                : new { supervisorId = (string?)$"SUP-{city.Code}-{i % 40:D2}", findings = new object[] { new { findingId = $"F-{i}-1", closed = true } } }));
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
            var plan = new PlannedPlan(planId, orgCode, county.Code, city.Code, city.Name, candidates, fault,
                completesPattern ? 95 : ExpectedScore(fault), false, completesPattern ? [("orange", "examiner-draw-not-random")] : ExpectedWarnings(fault));
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
                        $"S{orgDigits}33{c.Plan.RegionCode}{c.IssuedAt.Year % 100:D2}{c.Level}{++certificateSerial % 1_000_000:D6}"),
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

    /// <summary>Each <see cref="Fault.FavouredExaminer"/> and <see cref="Fault.SmallPool"/> plan's org (its group) and rank in it, by the plan's index.</summary>
    static Dictionary<int, (int Group, int Rank)> DrawGroups(List<Fault> faults)
    {
        var groups = new Dictionary<int, (int Group, int Rank)>();
        foreach (var kind in (Fault[])[Fault.FavouredExaminer, Fault.SmallPool])
        {
            var members = faults.Select((fault, index) => (fault, index)).Where(p => p.fault == kind).Select(p => p.index).ToList();
            for (var n = 0; n < members.Count; n++)
                groups[members[n]] = (n / DrawGroupSize, n % DrawGroupSize);
        }
        return groups;
    }

    /// <summary>
    /// A planted group's org, its own in every run: its plans' windows must not take in an earlier run's plans of the same
    /// org on a database that keeps them. Ends in 4 digits, as certificate numbers take an org's last four.
    /// </summary>
    string GroupOrg(Fault fault, int group) => string.Create(CultureInfo.InvariantCulture,
        $"SG{(uint)StableHash(tag) % 100_000:D5}{(fault == Fault.FavouredExaminer ? 'F' : 'P')}{group:D4}");

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
        _ => [],
    };

    /// <summary>
    /// The examiners body: three examiners a plan, with the pool's size. Ids carry the run's tag (a rerun on a database that
    /// keeps an earlier run never meets the same examiner) and are the plan's own, but for the planted draws.
    /// </summary>
    object Examiners(Fault fault, int plan, (int Group, int Rank)? group)
    {
        object Examiner(string id, string source = "pool", string? reason = null) =>
            new { examinerId = $"E{tag}-{id}", source, reason, trainedTheseCandidates = false };
        string Own(int n) => string.Create(CultureInfo.InvariantCulture, $"{plan}-{n}");

        switch (fault)
        {
            case Fault.FavouredExaminer:
                // Drawn into every plan of the org but the 2nd.
                return new
                {
                    examiners = new[] { Examiner(group!.Value.Rank == 1 ? Own(0) : $"F{group.Value.Group}"), Examiner(Own(1)), Examiner(Own(2)) },
                    poolSize = 300,
                };
            case Fault.SmallPool:
                return new
                {
                    examiners = new[] { Examiner($"P{group!.Value.Group}-1"), Examiner($"P{group.Value.Group}-2"), Examiner(Own(2), "internal-emergency", "pool-shortage") },
                    poolSize = 2,
                };
            case Fault.UnfoundedShortage:
                return new { examiners = new[] { Examiner(Own(0)), Examiner(Own(1)), Examiner(Own(2), "internal-emergency", "pool-shortage") }, poolSize = 40 };
            default:
                var outside = fault switch { Fault.Failing => 2, Fault.OutsidePool => 1, _ => 0 };
                return new
                {
                    examiners = Enumerable.Range(0, 3).Select(n => Examiner(Own(n), n < outside ? "outside-pool" : "pool")).ToArray(),
                    poolSize = 40 + plan * 37 % 300,
                };
        }
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

    /// <summary>
    /// A valid 身份证号 of someone from <paramref name="region"/> born 1970–2004 (ISO 7064 MOD 11-2 check character),
    /// never one already given: only the planted pairs may certify one person twice.
    /// </summary>
    string IdentityNumber(string region, int serial)
    {
        while (true)
        {
            var born = new DateOnly(1970, 1, 1).AddDays(peopleRandom.Next(35 * 365));
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
