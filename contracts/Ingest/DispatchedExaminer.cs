namespace Monitoring.Contracts;

/// <summary>One examiner sent to a plan, and how they were drawn.</summary>
public sealed record DispatchedExaminer(
    string ExaminerId,
    ExaminerSource Source,
    EmergencyDrawReason? Reason,
    bool TrainedTheseCandidates);
