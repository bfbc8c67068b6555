namespace Monitoring.Contracts;

/// <summary>The center re-checked a sample of the applicants (资格审核抽查).</summary>
public sealed record QualificationReviewed(
    string PlanId,
    int Sampled,
    int NonQualifying,
    DateTimeOffset ReviewedAt) : Contract
{
    /// <summary>Version 2 added <see cref="Records"/>.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>
    /// The sampled applicants one by one, with their group and the evidence checked (schema version 2; empty when the
    /// platform sends counts only, and on older messages). An applicant the center let through whose evidence falls short
    /// of the notice counts as non-qualifying besides <see cref="NonQualifying"/>.
    /// </summary>
    public IReadOnlyList<ReviewedApplicant> Records { get; init; } = [];
}

/// <summary>
/// One sampled applicant: <see cref="Qualifying"/> is the center's judgement; the rest is the evidence, each field null
/// when it does not apply to the group.
/// </summary>
/// <param name="Group">Whom the applicant applied as.</param>
/// <param name="Qualifying">The center found the applicant qualifying.</param>
/// <param name="WorkHistoryVerified">Social: the work years were verified through the data platform.</param>
/// <param name="SupportingDocuments">Social: labour contract, proof of post and years, social insurance or training hours provided instead.</param>
/// <param name="EnrolmentVerified">Student: the enrolment (学籍) was verified through the data platform.</param>
/// <param name="EnrolmentRecordUploaded">Student: enrolment records were uploaded to the integrated platform instead.</param>
/// <param name="SocialInsurance">Enterprise: insured by the employer; dispatched: insured by the dispatching company.</param>
/// <param name="LabourContract">Enterprise or dispatched: a labour contract is signed.</param>
/// <param name="AlternativeEvidence">Enterprise: without insurance, other proof of being employed on the job (在职在岗佐证).</param>
/// <param name="DispatchAgreement">Dispatched: a dispatch agreement (劳务派遣协议) is signed.</param>
/// <param name="MonthsOnJob">Dispatched: whole months on the job at the using employer.</param>
public sealed record ReviewedApplicant(
    CandidateGroup Group,
    bool Qualifying,
    bool? WorkHistoryVerified = null,
    bool? SupportingDocuments = null,
    bool? EnrolmentVerified = null,
    bool? EnrolmentRecordUploaded = null,
    bool? SocialInsurance = null,
    bool? LabourContract = null,
    bool? AlternativeEvidence = null,
    bool? DispatchAgreement = null,
    int? MonthsOnJob = null);
