namespace Monitoring.Contracts;

/// <summary>
/// Who ran a plan's exam (一(一) 配备资质符合、数量充足的考评人员、质量督导人员和考务人员): its exam rooms with the
/// candidates and examiners in each, every examiner, quality supervisor and member of the exam staff with their employer
/// and qualification, and who operates the exam site. A later staffing of the same plan replaces the earlier one.
/// </summary>
/// <param name="PlanId">The plan.</param>
/// <param name="SiteOperatorOrgCode">The org that operates the exam site; null when it is the plan's own org.</param>
/// <param name="DelegationFilingNo">
/// A filing with the org's center that allows another org's site or exam staff for this plan; null when there is none.
/// </param>
/// <param name="Rooms">The exam rooms.</param>
/// <param name="Staff">Everyone who served: examiners, quality supervisors, exam staff.</param>
public sealed record PlanStaffed(
    string PlanId,
    string? SiteOperatorOrgCode,
    string? DelegationFilingNo,
    IReadOnlyList<ExamRoom> Rooms,
    IReadOnlyList<StaffMember> Staff) : Contract;

/// <summary>One exam room: what is examined in it, how many candidates sit in it and which examiners (by <see cref="StaffMember.PersonId"/>) watch or mark it.</summary>
public sealed record ExamRoom(string RoomCode, ExamKind Kind, int Candidates, IReadOnlyList<string> ExaminerIds);

/// <summary>
/// One person who served the plan. <see cref="PersonHash"/> is their 身份证号 under ingest's keyed hash, exactly as a
/// certificate's candidate (never the clear number), so a certificate later issued to them is recognised.
/// </summary>
/// <param name="PersonId">The platform's id of the person (an examiner's id in the pool, a staff member's badge).</param>
/// <param name="Role">What they did for the plan.</param>
/// <param name="PersonHash">Their 身份证号 under ingest's current hash key.</param>
/// <param name="EmployerOrgCode">The evaluation organization employing them; null for a center's own staff.</param>
/// <param name="CertifiedOccupationCode">An examiner's certificate (考评员证): the occupation it covers.</param>
/// <param name="CertifiedLevel">An examiner's certificate: the highest level (1 highest … 5) they may examine.</param>
public sealed record StaffMember(
    string PersonId,
    StaffRole Role,
    string PersonHash,
    string? EmployerOrgCode,
    string? CertifiedOccupationCode,
    int? CertifiedLevel)
{
    /// <summary>The person's hashes under the keys being retired while ingest's hash key is rotated (empty otherwise).</summary>
    public IReadOnlyList<string> PreviousPersonHashes { get; init; } = [];
}
