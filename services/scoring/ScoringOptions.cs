using System.ComponentModel.DataAnnotations;

namespace Monitoring.Scoring;

/// <summary>The <c>Scoring</c> section.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>
    /// How long after a plan's facts change it is rescored: the changes of a burst ride along. A submission's items
    /// travel in one message, so a short wait coalesces enough; it is most of the latency from a 202 to a readable
    /// score (bench/latency.sh: 1 s gave p50 1.7 s, 0.3 s gave 0.9 s at 1,000 calls a second, with the same
    /// exam-peak day time).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How long after a plan's closing its final score is computed: facts sent before the closing may still
    /// be on their way through other queues, and rules that judge completeness (video coverage, result
    /// plausibility) must see them all.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClosingGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the rescore worker looks for plans that are due when nothing woke it sooner. Rescores this replica
    /// asked for wake it at their due time (<see cref="Plans.RescoreWake"/>), and so does the queue's next due time; the
    /// poll finds other replicas' requests. At 1,000 calls a second (the machine full) the p99 over seven runs with a
    /// 50 ms poll had a median of 1.5 s, over eight with 250 ms 3.6 s, both widely spread (bench/README.md; why the
    /// wakes do not make up for it is not understood yet). Idle, it is about 20 look-ups a second a replica (two
    /// cheap statements each); a longer poll spares them, and due times are still kept.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RescorePollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The least time the rescore worker sleeps once it found nothing due: plans that come due meanwhile are scored
    /// together. Without it, due times a few milliseconds apart made a pass a plan, and at 1,000 calls a second the
    /// passes' own cost made the latency tail (bench/README.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RescoreBatchWindow { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Due plans the rescore worker scores together, in one transaction and one policy session: enough to spread a
    /// session's and a round trip's cost, few enough to hold the plans' row locks briefly.
    /// </summary>
    [Range(1, 1000)]
    public int RescoreBatchSize { get; init; } = 200;

    /// <summary>How long after a plan's score became final its message ledger (what its closing was counted against) is kept.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan PlanLedgerRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long candidates' data is kept (PIPL's minimum necessary): certificates issued longer ago, and the results and
    /// survey answers of plans final for longer, are deleted (<see cref="Plans.CandidateDataPurge"/>); those plans keep
    /// their scores and are not scored again. Three years is this team's default, not a rule of the notice: set it to
    /// what the authority's records policy says. Must exceed <see cref="DuplicateCertificateWindow"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "180.00:00:00", "7300.00:00:00")]
    public TimeSpan CandidateDataRetention { get; init; } = TimeSpan.FromDays(3 * 365 + 1);

    /// <summary>Certificates of one hashed candidate closer than this across plans raise "one person, several certificates".</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan DuplicateCertificateWindow { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// "Draws not random in effect" (<see cref="Draws.DrawTest"/>) looks at the plans of the same org whose exams started
    /// within this long before (and at) a plan's exam: a year of an org's plans is enough to see a favoured examiner,
    /// and short enough that a change of the org's ways is not diluted by its distant past.
    /// </summary>
    [Range(typeof(TimeSpan), "7.00:00:00", "3650.00:00:00")]
    public TimeSpan ExaminerDrawWindow { get; init; } = TimeSpan.FromDays(365);

    /// <summary>
    /// The false-alarm rate of "draws not random in effect" per org and window: an examiner's draws into an org's plans
    /// raise a finding when random draws would give as many or more with a probability below this, divided by the
    /// number of pool examiners the org had in the window (each of them is a test, Bonferroni): a plan of an org that
    /// draws honestly is flagged with a chance of at most 0.001, while nine draws into twelve plans from pools of
    /// thirty (about 10⁻⁷) still are with a few hundred examiners in the window.
    /// </summary>
    [Range(1e-12, 0.05)]
    public double ExaminerDrawAlpha { get; init; } = 0.001;

    /// <summary>
    /// The fewest draws of one examiner into one org's plans that can raise the finding, however large the pool: two
    /// meetings from a pool of thousands are improbable, yet happen to someone every week across the province.
    /// </summary>
    [Range(2, 1000)]
    public int ExaminerDrawMinimum { get; init; } = 3;

    // Staffing minimums (一(一) 配备…数量充足的考评人员). The defaults are the usual wording of the national occupational
    // skill standards (国家职业技能标准, section 1.8.3 "监考人员、考评人员与考生配比" of the template set by
    // 《国家职业技能标准编制技术规程（2018年版）》): "理论知识考试中的监考人员与考生配比为1:15，且每个考场不少于2名监考
    // 人员；技能考核中的考评人员与考生配比为1:5，且考评人员为3人以上单数". Each occupation's own standard sets its ratio,
    // and some differ (1:10 for skill exams is not rare): these are defaults for the province, to be set from the
    // standards of the occupations examined; the numbers above are quoted from memory of the template, not checked
    // against a text available here.

    /// <summary>The most candidates per examiner (invigilator) in a theory exam room (1:15).</summary>
    [Range(1, 1000)]
    public int TheoryCandidatesPerExaminer { get; init; } = 15;

    /// <summary>The fewest examiners (invigilators) in a theory exam room (2).</summary>
    [Range(1, 100)]
    public int TheoryExaminersPerRoom { get; init; } = 2;

    /// <summary>The most candidates per examiner in a skill exam room (1:5).</summary>
    [Range(1, 1000)]
    public int SkillCandidatesPerExaminer { get; init; } = 5;

    /// <summary>The fewest examiners in a skill exam room (a panel of 3).</summary>
    [Range(1, 100)]
    public int SkillExaminersPerRoom { get; init; } = 3;

    /// <summary>
    /// "In the same period" of 三(二) 查处工作人员违规获证: a certificate issued in a plan to someone who served as an examiner,
    /// supervisor or exam staff in a plan of the same org whose exam started less than this before or after the
    /// certificate's plan's (the plan itself always) is a finding. A year is this team's reading, not the notice's.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan StaffCertificateWindow { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Messages of a high-volume stream (results, surveys, videos) written in one transaction.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// Messages of many items (<c>ResultsRecorded</c>, <c>SurveysResponded</c>, <c>VideoSegmentsRecorded</c>,
    /// <c>CertificatesIssued</c>: a submission each) written in one transaction.
    /// </summary>
    [Range(1, 1000)]
    public int BulkBatchSize { get; init; } = 20;

    /// <summary>
    /// How long a batch waits to fill. At a peak batches fill long before it; at a steady trickle it is added to
    /// every fact's way to a score (bench/latency.sh: 200 ms with the worker polling every 250 ms gave p99 2.1 s at
    /// 1,000 facts a second, 50 ms with the worker woken at the due time well under 1 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan BatchTimeLimit { get; init; } = TimeSpan.FromMilliseconds(50);
}
