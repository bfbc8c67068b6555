namespace Monitoring.Contracts;

// Travels as a kebab-case string (see ContractSerialization), so adding a member never shifts an old one.
/// <summary>What a person did for a plan: examiner (考评人员), quality supervisor (质量督导人员) or exam staff (考务人员).</summary>
public enum StaffRole { Examiner, Supervisor, ExamStaff }
