namespace Monitoring.Scoring.Facts;

/// <summary>
/// What the rules of a policy see of one plan (as <c>facts</c>). Every value is derived from the messages
/// ingest sent and the time of scoring; the defaults describe a plan just filed with nothing wrong and
/// nothing reported yet, so a rule fires only on a fact that was set.
/// </summary>
public sealed record PlanFacts
{
    public string PlanId { get; init; } = "";
    public string OrgCode { get; init; } = "";
    public string RegionCode { get; init; } = "";

    // Plan announcement and execution
    public bool AnnouncedBeforeExam { get; init; } = true;
    public int AnnouncementLeadWorkingDays { get; init; } = 15;
    public bool SiteRegistered { get; init; } = true;
    public bool WithinFiledScope { get; init; } = true;
    public bool ExamStarted { get; init; }
    public bool ExamEnded { get; init; }
    public bool Closed { get; init; }
    public bool ExecutionReported { get; init; }
    public bool DateChanged { get; init; }
    public bool SiteChanged { get; init; }

    /// <summary>The org has an exam-site registry (a site its center confirmed or refused): the plan's site is checked against it.</summary>
    public bool SiteRegistryKnown { get; init; }

    /// <summary>The plan's site is a confirmed site of its org in the plan's region (meaningful when <see cref="SiteRegistryKnown"/>).</summary>
    public bool SiteInRegistry { get; init; }

    /// <summary>The plan is held outside the region its org is registered in (备案地区), as far as the filing says.</summary>
    public bool OutsideOrgRegion { get; init; }

    /// <summary>An approved cross-region application (浙江省职业技能等级认定申请表) covers the plan.</summary>
    public bool CrossRegionApproved { get; init; }

    /// <summary>Changes of date or site the execution shows against the filing.</summary>
    public int UnfiledChanges => (DateChanged ? 1 : 0) + (SiteChanged ? 1 : 0);

    // Qualification review
    public int ReviewSampled { get; init; }

    /// <summary>Non-qualifying applicants of the sample: the center's count, and those it let through whose evidence falls short (<see cref="EvidenceNonQualifying"/>).</summary>
    public int ReviewNonQualifying { get; init; }

    /// <summary>Sampled applicants the center let through whose evidence falls short of what the notice asks of their group (二(三)).</summary>
    public int EvidenceNonQualifying { get; init; }

    /// <summary>Who ran an exam was reported (<c>PlanStaffed</c>): the staffing facts below mean something.</summary>
    public bool StaffingReported { get; init; }

    /// <summary>Exam rooms with fewer examiners than the minimum for their kind, or too many candidates per examiner (一(一)).</summary>
    public int ShortStaffedRooms { get; init; }

    /// <summary>Quality supervisors the staffing lists.</summary>
    public int DispatchedSupervisors { get; init; }

    /// <summary>Examiners whose certificate does not cover the plan's occupation and level (一(一)).</summary>
    public int UnqualifiedExaminers { get; init; }

    /// <summary>Another org operates the exam site, without a filing that allows it (三(一)).</summary>
    public bool DelegatedSite { get; init; }

    /// <summary>Exam staff employed by another evaluation organization, without a filing that allows it (三(一)).</summary>
    public int ForeignExamStaff { get; init; }

    // Exam staff
    public int OutsidePoolExaminers { get; init; }
    public int UnjustifiedInternalDraws { get; init; }
    public int TrainerExaminers { get; init; }

    /// <summary>Examiners dispatched to the plan, whatever their source.</summary>
    public int DispatchedExaminers { get; init; }

    /// <summary>How many examiners the pool held for the occupation and level when the platform drew; 0 when not reported.</summary>
    public int PoolSize { get; init; }

    /// <summary>Internal emergency draws whose reason is a shortage of the pool (考评员库资源不足).</summary>
    public int PoolShortageDraws { get; init; }

    /// <summary>
    /// The plan's pool examiners drawn into the org's plans far more often than random draws from pools of their size
    /// make likely (<see cref="Draws.DrawTest"/>); <see cref="Evidence"/> gives the numbers.
    /// </summary>
    public int NonRandomDraws { get; init; }

    // Exam questions
    public int ReusedSelfBuiltItems { get; init; }
    public bool TheoryOnPaperWithoutApproval { get; init; }

    /// <summary>A self-built paper used without both expert review and filing with the center before the exam (二(四)); only when reported.</summary>
    public bool SelfBuiltPaperUnapproved { get; init; }

    // Quality supervision
    public bool SupervisionReported { get; init; }
    public bool SupervisorAssigned { get; init; } = true;
    public int OpenFindings { get; init; }

    // Result management
    public int ResultCount { get; init; }
    public decimal PassRate { get; init; }

    /// <summary>Share of all marks (theory and skill) at 60 or 61: marks nudged over the line.</summary>
    public decimal BunchedMarkShare { get; init; }

    /// <summary>Results recorded after the 5th working day from the exam's end.</summary>
    public int LateResults { get; init; }

    public int EditsAfterLock { get; init; }

    /// <summary>The plan's certificates issued to people who served the org's plans as examiner, supervisor or exam staff in the period (三(二)).</summary>
    public int CertifiedStaff { get; init; }

    // Video
    public int VideoSegments { get; init; }

    /// <summary>0 to 1: the least-covered share of rooms × time × candidates over the exam window.</summary>
    public decimal VideoCoverage { get; init; } = 1;

    /// <summary>Lines of the poorest segment (480, 720, 1080); 0 without video.</summary>
    public int LowestResolution { get; init; }

    // Public disclosure
    public bool PlanDisclosed { get; init; }
    public bool FeesDisclosed { get; init; }
    public bool ResultsDisclosed { get; init; }
    public int ResultsPublicityWorkingDays { get; init; }

    // Satisfaction survey
    public int SurveyResponses { get; init; }
    public decimal SurveyResponseRate { get; init; }

    /// <summary>Mean satisfaction as a share of the best answer (5 of 5 = 1).</summary>
    public decimal MeanSatisfaction { get; init; }

    public int Complaints { get; init; }

    // Early warnings
    public int OverdueWarnings { get; init; }

    public static readonly IReadOnlyDictionary<string, string> NoEvidence = new Dictionary<string, string>();

    /// <summary>
    /// What grounds a fact, in Chinese, by the fact's name (the numbers behind <see cref="NonRandomDraws"/>): a warning
    /// raised by a rule that reads the fact ends with it. Not a fact itself: rules cannot read it.
    /// </summary>
    public IReadOnlyDictionary<string, string> Evidence { get; init; } = NoEvidence;

    /// <summary>The evidence of the facts named (those a rule reads), joined; null when none of them has any, as for most plans.</summary>
    public string? EvidenceOf(IEnumerable<string> facts)
    {
        if (Evidence.Count == 0)
            return null;
        var found = facts.Select(fact => Evidence.GetValueOrDefault(fact)).OfType<string>().ToList();
        return found.Count == 0 ? null : string.Join("；", found);
    }
}
