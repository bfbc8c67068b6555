using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;
using Npgsql;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults;
using Monitoring.Scoring.Staffing;

namespace Monitoring.Scoring.Facts;

/// <summary>
/// Scoring's fact tables: one upsert per message kind (set-based for the high-volume streams) and one
/// round trip to read a plan's facts back. Every write is keyed, so a repeated message leaves the same row.
/// </summary>
public static class FactStore
{
    public static Task SaveExecutionAsync(MessagingTransaction tx, PlanExecutionReported m, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_executions (plan_id, actual_start, actual_end, site_code, candidates_present)
        VALUES (@PlanId, @ActualStart, @ActualEnd, @SiteCode, @CandidatesPresent)
        ON CONFLICT (plan_id) DO UPDATE SET actual_start = excluded.actual_start, actual_end = excluded.actual_end,
            site_code = excluded.site_code, candidates_present = excluded.candidates_present
        """, m, ct);

    public static Task SaveReviewAsync(MessagingTransaction tx, QualificationReviewed m, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_reviews (plan_id, sampled, non_qualifying, reviewed_at, records) VALUES (@PlanId, @Sampled, @NonQualifying, @ReviewedAt, @records::jsonb)
        ON CONFLICT (plan_id) DO UPDATE SET sampled = excluded.sampled, non_qualifying = excluded.non_qualifying, reviewed_at = excluded.reviewed_at,
            records = excluded.records
        """, new { m.PlanId, m.Sampled, m.NonQualifying, m.ReviewedAt, records = JsonSerializer.Serialize(m.Records ?? [], ContractSerialization.Options) }, ct);

    /// <summary>
    /// The plan's dispatch, replacing the one before: its examiners, the pool's size, and, when that is known, a row for
    /// each pool examiner with the plan's org and exam start if it is filed (what "draws not random in effect" counts).
    /// A filing committed meanwhile is given to these rows by the rescore worker (<see cref="Draws.DrawStore.ExpandChangesAsync"/>).
    /// </summary>
    public static Task SaveExaminersAsync(MessagingTransaction tx, ExaminersDispatched m, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_examiners (plan_id, examiners, pool_size) VALUES (@PlanId, @examiners::jsonb, @PoolSize)
        ON CONFLICT (plan_id) DO UPDATE SET examiners = excluded.examiners, pool_size = excluded.pool_size;
        DELETE FROM plan_pool_draws WHERE plan_id = @PlanId;
        INSERT INTO plan_pool_draws (plan_id, examiner_id, org_code, exam_start)
        SELECT @PlanId, e, p.org_code, p.exam_start FROM unnest(@drawn) AS e LEFT JOIN plans p ON p.plan_id = @PlanId
        WHERE @PoolSize::integer IS NOT NULL
        """, new
    {
        m.PlanId, examiners = JsonSerializer.Serialize(m.Examiners, ContractSerialization.Options), m.PoolSize,
        drawn = m.Examiners.Where(e => e.Source == ExaminerSource.Pool).Select(e => e.ExaminerId).Distinct(StringComparer.Ordinal).ToArray(),
    }, ct);

    public static Task SavePaperAsync(MessagingTransaction tx, PaperUsed m, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_papers (plan_id, bank, reused_items, theory_on_computer, paper_exam_approved, expert_reviewed, filed_at)
        VALUES (@PlanId, @bank, @ReusedItems, @TheoryOnComputer, @PaperExamApproved, @ExpertReviewed, @FiledAt)
        ON CONFLICT (plan_id) DO UPDATE SET bank = excluded.bank, reused_items = excluded.reused_items,
            theory_on_computer = excluded.theory_on_computer, paper_exam_approved = excluded.paper_exam_approved,
            expert_reviewed = excluded.expert_reviewed, filed_at = excluded.filed_at
        """, new { m.PlanId, bank = EnumText.Of(m.Bank), m.ReusedItems, m.TheoryOnComputer, m.PaperExamApproved, m.ExpertReviewed, m.FiledAt }, ct);

    public static Task SaveSupervisionAsync(MessagingTransaction tx, SupervisionReported m, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_supervisions (plan_id, supervisor_id, findings) VALUES (@PlanId, @SupervisorId, @findings::jsonb)
        ON CONFLICT (plan_id) DO UPDATE SET supervisor_id = excluded.supervisor_id, findings = excluded.findings
        """, new { m.PlanId, m.SupervisorId, findings = JsonSerializer.Serialize(m.Findings, ContractSerialization.Options) }, ct);

    public static Task SaveDisclosureAsync(MessagingTransaction tx, DisclosurePublished m, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_disclosures (plan_id, kind, published_at, until) VALUES (@PlanId, @kind, @PublishedAt, @Until)
        ON CONFLICT (plan_id, kind) DO UPDATE SET published_at = excluded.published_at, until = excluded.until
        """, new { m.PlanId, kind = EnumText.Of(m.Kind), m.PublishedAt, m.Until }, ct);

    /// <summary>
    /// The plan's closing, with when its score becomes final at the latest (the closing grace) and how many of ingest's
    /// messages about it there are (the closing's count; a later closing of the same plan counts at least as many).
    /// </summary>
    public static Task SaveClosureAsync(MessagingTransaction tx, PlanClosed m, DateTimeOffset finalFrom, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_closures (plan_id, closed_at, final_from, expected_messages) VALUES (@PlanId, @ClosedAt, @finalFrom, @AcceptedMessages)
        ON CONFLICT (plan_id) DO UPDATE SET closed_at = excluded.closed_at,
            expected_messages = greatest(plan_closures.expected_messages, excluded.expected_messages)
        """, new { m.PlanId, m.ClosedAt, finalFrom, m.AcceptedMessages }, ct);

    /// <summary>Counts ingest's messages about each plan as folded in (once each: ids are content-based).</summary>
    public static Task CountMessagesAsync(MessagingTransaction tx, IReadOnlyList<(string PlanId, Guid MessageId)> messages, CancellationToken ct)
    {
        var rows = messages.Distinct().OrderBy(m => m.PlanId, StringComparer.Ordinal).ThenBy(m => m.MessageId).ToList();
        return rows.Count == 0 ? Task.CompletedTask : Execute(tx, """
            INSERT INTO plan_messages (plan_id, message_id) SELECT * FROM unnest(@plans, @ids) ON CONFLICT DO NOTHING
            """, new { plans = rows.Select(r => r.PlanId).ToArray(), ids = rows.Select(r => r.MessageId).ToArray() }, ct);
    }

    /// <summary>
    /// Closed plans of <paramref name="planIds"/> that have every message their closing counted, and are not final yet,
    /// become final now: nothing is on its way any more, so the closing grace need not be waited out. Run by the rescore
    /// worker, which comes after the fact transactions that asked for it have committed (two of them at once could
    /// each miss the other's message).
    /// </summary>
    public static Task FinalizeCompleteAsync(MessagingTransaction tx, IReadOnlyList<string> planIds, DateTimeOffset now, CancellationToken ct) =>
        Execute(tx, """
            UPDATE plan_closures c SET final_from = @now
            WHERE c.plan_id = ANY(@planIds) AND c.expected_messages IS NOT NULL AND c.final_from > @now
              AND (SELECT count(*) FROM plan_messages m WHERE m.plan_id = c.plan_id) >= c.expected_messages
            """, new { planIds = planIds.ToArray(), now }, ct);


    public static Task SaveWarningAsync(MessagingTransaction tx, WarningRaised m, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_warnings (warning_id, plan_id, level, raised_at) VALUES (@WarningId, @PlanId, @level, @RaisedAt)
        ON CONFLICT (warning_id) DO UPDATE SET level = excluded.level
        """, new { m.WarningId, m.PlanId, level = EnumText.Of(m.Level), m.RaisedAt }, ct);

    /// <summary>An acknowledgement may overtake its warning (different queues): the row is created either way.</summary>
    public static Task SaveAcknowledgementAsync(MessagingTransaction tx, WarningAcknowledged m, CancellationToken ct) => Execute(tx, """
        INSERT INTO plan_warnings (warning_id, plan_id, level, raised_at, acknowledged_at)
        VALUES (@WarningId, @PlanId, 'yellow', @AcknowledgedAt, @AcknowledgedAt)
        ON CONFLICT (warning_id) DO UPDATE SET acknowledged_at = coalesce(plan_warnings.acknowledged_at, excluded.acknowledged_at)
        """, m, ct);

    /// <summary>
    /// Results of many plans in one statement. The newest result of a candidate wins whatever order the
    /// messages arrive in (ties broken by the scores), and an edit after lock, once seen, stays recorded:
    /// replicas writing concurrently end with the rows a serial run would.
    /// </summary>
    public static Task SaveResultsAsync(MessagingTransaction tx, IReadOnlyList<ResultRecorded> results, CancellationToken ct)
    {
        var latest = results.GroupBy(r => (r.PlanId, r.CandidateHash))
            .Select(g => g.OrderBy(r => r.RecordedAt).ThenBy(r => r.TheoryScore).ThenBy(r => r.SkillScore).Last()
                with { EditedAfterLock = g.Any(r => r.EditedAfterLock) }).ToList();
        return Execute(tx, """
            INSERT INTO plan_results (plan_id, candidate_hash, theory_score, skill_score, passed, recorded_at, edited_after_lock)
            SELECT * FROM unnest(@plans, @candidates, @theory, @skill, @passed, @recorded, @edited)
            ON CONFLICT (plan_id, candidate_hash) DO UPDATE SET
                theory_score = CASE WHEN (excluded.recorded_at, excluded.theory_score, excluded.skill_score) > (plan_results.recorded_at, plan_results.theory_score, plan_results.skill_score) THEN excluded.theory_score ELSE plan_results.theory_score END,
                skill_score = CASE WHEN (excluded.recorded_at, excluded.theory_score, excluded.skill_score) > (plan_results.recorded_at, plan_results.theory_score, plan_results.skill_score) THEN excluded.skill_score ELSE plan_results.skill_score END,
                passed = CASE WHEN (excluded.recorded_at, excluded.theory_score, excluded.skill_score) > (plan_results.recorded_at, plan_results.theory_score, plan_results.skill_score) THEN excluded.passed ELSE plan_results.passed END,
                recorded_at = greatest(plan_results.recorded_at, excluded.recorded_at),
                edited_after_lock = plan_results.edited_after_lock OR excluded.edited_after_lock
            """, new
        {
            plans = latest.Select(r => r.PlanId).ToArray(),
            candidates = latest.Select(r => r.CandidateHash).ToArray(),
            theory = latest.Select(r => r.TheoryScore).ToArray(),
            skill = latest.Select(r => r.SkillScore).ToArray(),
            passed = latest.Select(r => r.Passed).ToArray(),
            recorded = latest.Select(r => r.RecordedAt.UtcDateTime).ToArray(),
            edited = latest.Select(r => r.EditedAfterLock).ToArray(),
        }, ct);
    }

    /// <summary>
    /// Survey answers. A candidate answering twice keeps the lower satisfaction and any complaint: the merge
    /// does not depend on arrival order, so concurrent replicas end where a serial run would.
    /// </summary>
    public static Task SaveSurveysAsync(MessagingTransaction tx, IReadOnlyList<SurveyResponded> responses, CancellationToken ct)
    {
        var merged = responses.GroupBy(r => (r.PlanId, r.CandidateHash))
            .Select(g => g.First() with { Satisfaction = g.Min(r => r.Satisfaction), Complaint = g.Any(r => r.Complaint) }).ToList();
        return Execute(tx, """
            INSERT INTO plan_surveys (plan_id, candidate_hash, satisfaction, complaint)
            SELECT * FROM unnest(@plans, @candidates, @satisfaction, @complaint)
            ON CONFLICT (plan_id, candidate_hash) DO UPDATE SET
                satisfaction = least(plan_surveys.satisfaction, excluded.satisfaction),
                complaint = plan_surveys.complaint OR excluded.complaint
            """, new
        {
            plans = merged.Select(r => r.PlanId).ToArray(),
            candidates = merged.Select(r => r.CandidateHash).ToArray(),
            satisfaction = merged.Select(r => r.Satisfaction).ToArray(),
            complaint = merged.Select(r => r.Complaint).ToArray(),
        }, ct);
    }

    /// <summary>
    /// Video segments. A segment reported twice keeps its longest end, its poorest resolution and the fewest
    /// candidates covered: the conservative reading, and one that does not depend on arrival order.
    /// </summary>
    public static Task SaveVideosAsync(MessagingTransaction tx, IReadOnlyList<VideoSegmentRecorded> segments, CancellationToken ct)
    {
        var merged = segments.GroupBy(s => (s.PlanId, s.Room, s.CameraId, s.From)).Select(g => g.First() with
        {
            To = g.Max(s => s.To),
            ResolutionLines = g.Min(s => s.ResolutionLines),
            CandidatesCovered = g.Min(s => s.CandidatesCovered),
            CandidatesInRoom = g.Max(s => s.CandidatesInRoom),
        }).ToList();
        return Execute(tx, """
            INSERT INTO plan_videos (plan_id, room, camera_id, starts_at, ends_at, resolution_lines, candidates_covered, candidates_in_room)
            SELECT * FROM unnest(@plans, @rooms, @cameras, @starts, @ends, @lines, @covered, @inRoom)
            ON CONFLICT (plan_id, room, camera_id, starts_at) DO UPDATE SET
                ends_at = greatest(plan_videos.ends_at, excluded.ends_at),
                resolution_lines = least(plan_videos.resolution_lines, excluded.resolution_lines),
                candidates_covered = least(plan_videos.candidates_covered, excluded.candidates_covered),
                candidates_in_room = greatest(plan_videos.candidates_in_room, excluded.candidates_in_room)
            """, new
        {
            plans = merged.Select(s => s.PlanId).ToArray(),
            rooms = merged.Select(s => s.Room).ToArray(),
            cameras = merged.Select(s => s.CameraId).ToArray(),
            starts = merged.Select(s => s.From.UtcDateTime).ToArray(),
            ends = merged.Select(s => s.To.UtcDateTime).ToArray(),
            lines = merged.Select(s => s.ResolutionLines).ToArray(),
            covered = merged.Select(s => s.CandidatesCovered).ToArray(),
            inRoom = merged.Select(s => s.CandidatesInRoom).ToArray(),
        }, ct);
    }

    /// <summary>What <see cref="LoadManyAsync"/> reads, one statement per table over <c>@planIds</c> (the what-if bench reads it raw).</summary>
    public const string LoadStatements = """
            SELECT plan_id AS PlanId, filed::text AS Filed, candidates_purged_at IS NOT NULL AS CandidatesPurged FROM plans WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, actual_start AS ActualStart, actual_end AS ActualEnd, site_code AS SiteCode, candidates_present AS CandidatesPresent FROM plan_executions WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, sampled AS Sampled, non_qualifying AS NonQualifying, records::text AS Records FROM plan_reviews WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, examiners::text AS Examiners, pool_size AS PoolSize FROM plan_examiners WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, bank AS Bank, reused_items AS ReusedItems, theory_on_computer AS TheoryOnComputer, paper_exam_approved AS PaperExamApproved, expert_reviewed AS ExpertReviewed, filed_at AS FiledAt FROM plan_papers WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, supervisor_id AS SupervisorId, findings::text AS Findings FROM plan_supervisions WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, (recorded_at AT TIME ZONE 'Asia/Shanghai')::date AS Day, count(*)::int AS Count, count(*) FILTER (WHERE passed)::int AS Passed,
                   (count(*) FILTER (WHERE theory_score >= 60 AND theory_score < 62) + count(*) FILTER (WHERE skill_score >= 60 AND skill_score < 62))::int AS Bunched,
                   count(*) FILTER (WHERE edited_after_lock)::int AS Edited
            FROM plan_results WHERE plan_id = ANY(@planIds) GROUP BY 1, 2;
            SELECT plan_id AS PlanId, room AS Room, starts_at AS StartsAt, ends_at AS EndsAt, resolution_lines AS ResolutionLines, candidates_covered AS CandidatesCovered, candidates_in_room AS CandidatesInRoom FROM plan_videos WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, kind AS Kind, published_at AS PublishedAt, until AS Until FROM plan_disclosures WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, count(*)::int AS Responses, coalesce(avg(satisfaction), 0)::numeric AS Mean, count(*) FILTER (WHERE complaint)::int AS Complaints FROM plan_surveys WHERE plan_id = ANY(@planIds) GROUP BY plan_id;
            SELECT plan_id AS PlanId, coalesce(final_from, closed_at) AS FinalFrom FROM plan_closures WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, level AS Level, raised_at AS RaisedAt, acknowledged_at AS AcknowledgedAt FROM plan_warnings WHERE plan_id = ANY(@planIds);
            SELECT plan_id AS PlanId, count(*)::int AS Count FROM plan_messages WHERE plan_id = ANY(@planIds) GROUP BY plan_id;
            SELECT p.plan_id FROM plans p
            WHERE p.plan_id = ANY(@planIds) AND EXISTS (
                SELECT 1 FROM region_approvals a
                WHERE a.org_code = p.org_code AND p.region_code LIKE a.site_region_prefix
                  AND a.occupation_code = p.filed->>'occupationCode' AND a.level = (p.filed->>'level')::int
                  AND a.exam_date = ((p.filed->>'examStart')::timestamptz AT TIME ZONE 'Asia/Shanghai')::date);
            SELECT p.plan_id AS PlanId, bool_or(s.confirmed AND s.site_code = p.filed->>'siteCode' AND s.region_code = p.region_code) AS InRegistry
            FROM plans p JOIN registered_sites s ON s.org_code = p.org_code
            WHERE p.plan_id = ANY(@planIds) GROUP BY p.plan_id;
        """;

    /// <summary>
    /// What <see cref="LoadManyAsync"/> reads besides <see cref="LoadStatements"/>, in the same round trip: for each plan of
    /// <c>@planIds</c> one of whose pool examiners was drawn into at least <c>@drawMinimum</c> of the org's plans whose exam
    /// started within <c>@drawWindow</c> before the plan's (the plan's included), how many each of them was, then each
    /// of those plans' chance of drawing a given pool examiner (its pool draws ÷ its pool's size) and how many pool
    /// examiners they drew. Every count is a range of an index of <c>plan_pool_draws</c> (by examiner, org and exam
    /// start; by org and exam start): a plan costs a look-up per examiner, and only a plan that reaches the minimum
    /// (rare) costs a walk of its org's year.
    /// </summary>
    public const string DrawStatements = """
            SELECT s.plan_id AS PlanId, s.examiner_ids AS ExaminerIds, s.times AS Times, w.chances AS Chances, m.examiners AS Examiners
            FROM (SELECT d.plan_id, d.org_code, d.exam_start,
                         array_agg(d.examiner_id ORDER BY d.examiner_id) AS examiner_ids, array_agg(c.times ORDER BY d.examiner_id) AS times
                  FROM plan_pool_draws d
                  CROSS JOIN LATERAL (
                      SELECT count(*)::int AS times FROM plan_pool_draws o
                      WHERE o.examiner_id = d.examiner_id AND o.org_code = d.org_code
                        AND o.exam_start > d.exam_start - @drawWindow AND o.exam_start <= d.exam_start) AS c
                  WHERE d.plan_id = ANY(@planIds) AND d.org_code IS NOT NULL
                  GROUP BY d.plan_id, d.org_code, d.exam_start
                  HAVING max(c.times) >= @drawMinimum) AS s
            CROSS JOIN LATERAL (
                SELECT array_agg(least(1, o.drawn::float8 / e.pool_size) ORDER BY o.exam_start, o.plan_id) AS chances
                FROM (SELECT plan_id, min(exam_start) AS exam_start, count(*) AS drawn FROM plan_pool_draws
                      WHERE org_code = s.org_code AND exam_start > s.exam_start - @drawWindow AND exam_start <= s.exam_start
                      GROUP BY plan_id) AS o
                JOIN plan_examiners e ON e.plan_id = o.plan_id) AS w
            CROSS JOIN LATERAL (
                SELECT count(DISTINCT examiner_id)::int AS examiners FROM plan_pool_draws
                WHERE org_code = s.org_code AND exam_start > s.exam_start - @drawWindow AND exam_start <= s.exam_start) AS m;
        """;

    /// <summary>The statements <see cref="LoadManyAsync"/> sends in one round trip (the what-if bench reads them raw).</summary>
    public const string AllLoadStatements = LoadStatements + StaffStore.LoadStatements + DrawStatements;

    /// <summary>Everything stored about a plan, in one round trip; null when the plan was never filed.</summary>
    public static Task<RawFacts?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string planId, CancellationToken ct) =>
        LoadAsync(connection, transaction, planId, Draws.DrawTest.Default, StaffingRules.Default, ct);

    /// <summary>As above, its examiner draws and staff weighed by <paramref name="draws"/> and <paramref name="staffing"/>.</summary>
    public static async Task<RawFacts?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string planId, Draws.DrawTest draws,
        StaffingRules staffing, CancellationToken ct) =>
        (await LoadManyAsync(connection, transaction, [planId], draws, staffing, ct)).SingleOrDefault();

    /// <summary>As below, with the examiner draws test and staffing rules of the default options.</summary>
    public static Task<IReadOnlyList<RawFacts>> LoadManyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyList<string> planIds, CancellationToken ct) =>
        LoadManyAsync(connection, transaction, planIds, Draws.DrawTest.Default, StaffingRules.Default, ct);

    /// <summary>
    /// Everything stored about many plans, set-based: one round trip of one statement per table, each over all the
    /// plans at once (aggregates grouped by plan). The plans come back in the order asked for; plans never filed are
    /// left out. <paramref name="draws"/>: the window and minimum of the examiner draws test (<see cref="DrawStatements"/>);
    /// <paramref name="staffing"/>: the period of a staff member's certificate (<see cref="StaffStore.LoadStatements"/>).
    /// </summary>
    public static async Task<IReadOnlyList<RawFacts>> LoadManyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyList<string> planIds, Draws.DrawTest draws, StaffingRules staffing, CancellationToken ct)
    {
        if (planIds.Count == 0)
            return [];
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(AllLoadStatements,
            new
            {
                planIds = planIds as string[] ?? [.. planIds], drawWindow = draws.Window, drawMinimum = draws.Minimum,
                staffWindow = staffing.StaffCertificateWindow,
            }, transaction, cancellationToken: ct));

        var filed = (await grid.ReadAsync<FiledDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        var executions = (await grid.ReadAsync<ExecutionDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        var reviews = (await grid.ReadAsync<ReviewDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        var examiners = (await grid.ReadAsync<ExaminersDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        var papers = (await grid.ReadAsync<PaperDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        var supervisions = (await grid.ReadAsync<SupervisionDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        // Results come summed by plan and day of recording (one pass over the rows); the plan's totals are the days' sums.
        var days = (await grid.ReadAsync<ResultDayDb>()).ToLookup(r => r.PlanId, StringComparer.Ordinal);
        var videos = (await grid.ReadAsync<VideoDb>()).ToLookup(r => r.PlanId, StringComparer.Ordinal);
        var disclosures = (await grid.ReadAsync<DisclosureDb>()).ToLookup(r => r.PlanId, StringComparer.Ordinal);
        var surveys = (await grid.ReadAsync<SurveysDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        var closures = (await grid.ReadAsync<ClosureDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        var warnings = (await grid.ReadAsync<WarningDb>()).ToLookup(r => r.PlanId, StringComparer.Ordinal);
        var messages = (await grid.ReadAsync<(string PlanId, int Count)>()).ToDictionary(r => r.PlanId, r => r.Count, StringComparer.Ordinal);
        var crossRegionApproved = (await grid.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        // Plans of orgs with a site registry, and whether the plan's site is a confirmed site of the org in the plan's region.
        var registry = (await grid.ReadAsync<(string PlanId, bool InRegistry)>()).ToDictionary(r => r.PlanId, r => r.InRegistry, StringComparer.Ordinal);
        var staffings = (await grid.ReadAsync<StaffingDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);
        var certifiedStaff = (await grid.ReadAsync<CertifiedStaffDb>()).ToLookup(r => r.PlanId, StringComparer.Ordinal);
        var drawWindows = (await grid.ReadAsync<DrawWindowDb>()).ToDictionary(r => r.PlanId, StringComparer.Ordinal);

        var loaded = new List<RawFacts>(filed.Count);
        foreach (var planId in planIds.Distinct(StringComparer.Ordinal))
        {
            if (!filed.TryGetValue(planId, out var plan))
                continue;
            var execution = executions.GetValueOrDefault(planId);
            var review = reviews.GetValueOrDefault(planId);
            var paper = papers.GetValueOrDefault(planId);
            var supervision = supervisions.GetValueOrDefault(planId);
            var survey = surveys.GetValueOrDefault(planId);
            loaded.Add(new RawFacts(
                JsonSerializer.Deserialize<PlanFiled>(plan.Filed, ContractSerialization.Options)!,
                execution is null ? null : new ExecutionRow(UtcDateTimeOffsetHandler.FromDatabase(execution.ActualStart), UtcDateTimeOffsetHandler.FromDatabase(execution.ActualEnd), execution.SiteCode, execution.CandidatesPresent),
                review is null ? null : new ReviewRow(review.Sampled, review.NonQualifying)
                {
                    Records = review.Records == "[]" ? [] : JsonSerializer.Deserialize<List<ReviewedApplicant>>(review.Records, ContractSerialization.Options) ?? [],
                },
                examiners.GetValueOrDefault(planId) is { } dispatched ? JsonSerializer.Deserialize<List<DispatchedExaminer>>(dispatched.Examiners, ContractSerialization.Options) : null,
                paper is null ? null : new PaperRow(paper.Bank, paper.ReusedItems, paper.TheoryOnComputer, paper.PaperExamApproved)
                {
                    ExpertReviewed = paper.ExpertReviewed,
                    FiledAt = UtcDateTimeOffsetHandler.FromDatabase(paper.FiledAt),
                },
                supervision is null ? null : new SupervisionRow(supervision.SupervisorId,
                    JsonSerializer.Deserialize<List<SupervisionFinding>>(supervision.Findings, ContractSerialization.Options) ?? []),
                days[planId] is var byDay && !byDay.Any()
                    ? ResultAggregate.None
                    : new ResultAggregate(byDay.Sum(d => d.Count), byDay.Sum(d => d.Passed), byDay.Sum(d => d.Bunched), byDay.Sum(d => d.Edited),
                        [.. byDay.Select(d => new ResultDay(d.Day, d.Count))]),
                [.. videos[planId].Select(v => new VideoRow(v.Room, UtcDateTimeOffsetHandler.FromDatabase(v.StartsAt), UtcDateTimeOffsetHandler.FromDatabase(v.EndsAt), v.ResolutionLines, v.CandidatesCovered, v.CandidatesInRoom))],
                [.. disclosures[planId].Select(d => new DisclosureRow(Enum.Parse<DisclosureKind>(d.Kind, ignoreCase: true), UtcDateTimeOffsetHandler.FromDatabase(d.PublishedAt),
                    UtcDateTimeOffsetHandler.FromDatabase(d.Until)))],
                survey is null ? SurveyAggregate.None : new SurveyAggregate(survey.Responses, survey.Mean, survey.Complaints),
                UtcDateTimeOffsetHandler.FromDatabase(closures.GetValueOrDefault(planId)?.FinalFrom),
                [.. warnings[planId].Select(w => new WarningRow(Enum.Parse<WarningLevel>(w.Level, ignoreCase: true), UtcDateTimeOffsetHandler.FromDatabase(w.RaisedAt),
                    UtcDateTimeOffsetHandler.FromDatabase(w.AcknowledgedAt)))])
            {
                Messages = messages.GetValueOrDefault(planId),
                CandidatesPurged = plan.CandidatesPurged,
                CrossRegionApproved = crossRegionApproved.Contains(planId),
                SiteInRegistry = registry.TryGetValue(planId, out var inRegistry) ? inRegistry : null,
                PoolSize = examiners.GetValueOrDefault(planId)?.PoolSize,
                Draws = drawWindows.GetValueOrDefault(planId) is { } window
                    ? new Draws.DrawWindow(window.Chances, window.Examiners, [.. window.ExaminerIds.Zip(window.Times)])
                    : null,
                Staffing = staffings.GetValueOrDefault(planId) is { } staffed
                    ? new StaffingRow(staffed.SiteOperatorOrgCode, staffed.DelegationFilingNo,
                        JsonSerializer.Deserialize<List<ExamRoom>>(staffed.Rooms, ContractSerialization.Options) ?? [],
                        JsonSerializer.Deserialize<List<Served>>(staffed.Staff, ContractSerialization.Options) ?? [])
                    : null,
                CertifiedStaff = [.. certifiedStaff[planId].Select(c => new CertifiedStaffRow(c.CertificateNo, c.ServedPlanId,
                    EnumText.Parse<StaffRole>(c.Role)))],
            });
        }
        return loaded;
    }

    static Task Execute(MessagingTransaction tx, string sql, object parameters, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx.Transaction, cancellationToken: ct));

    // Npgsql reads timestamptz as UTC DateTime; Dapper matches constructors by exact type.
    sealed record FiledDb(string PlanId, string Filed, bool CandidatesPurged);
    sealed record ExecutionDb(string PlanId, DateTime ActualStart, DateTime ActualEnd, string SiteCode, int CandidatesPresent);
    sealed record ReviewDb(string PlanId, int Sampled, int NonQualifying, string Records);
    sealed record ExaminersDb(string PlanId, string Examiners, int? PoolSize);
    sealed record PaperDb(string PlanId, string Bank, int ReusedItems, bool TheoryOnComputer, bool PaperExamApproved, bool? ExpertReviewed, DateTime? FiledAt);
    sealed record StaffingDb(string PlanId, string? SiteOperatorOrgCode, string? DelegationFilingNo, string Rooms, string Staff);
    sealed record CertifiedStaffDb(string PlanId, string CertificateNo, string ServedPlanId, string Role);
    sealed record SupervisionDb(string PlanId, string? SupervisorId, string Findings);
    sealed record ResultDayDb(string PlanId, DateOnly Day, int Count, int Passed, int Bunched, int Edited);
    sealed record VideoDb(string PlanId, string Room, DateTime StartsAt, DateTime EndsAt, int ResolutionLines, int CandidatesCovered, int CandidatesInRoom);
    sealed record DisclosureDb(string PlanId, string Kind, DateTime PublishedAt, DateTime? Until);
    sealed record SurveysDb(string PlanId, int Responses, decimal Mean, int Complaints);
    sealed record ClosureDb(string PlanId, DateTime? FinalFrom);
    sealed record WarningDb(string PlanId, string Level, DateTime RaisedAt, DateTime? AcknowledgedAt);

    // A class with setters: Npgsql reports an array column as System.Array, which no constructor parameter matches.
    sealed class DrawWindowDb
    {
        public string PlanId { get; init; } = "";
        public string[] ExaminerIds { get; init; } = [];
        public int[] Times { get; init; } = [];
        public double[] Chances { get; init; } = [];
        public int Examiners { get; init; }
    }
}
