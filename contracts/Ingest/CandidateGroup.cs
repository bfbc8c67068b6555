namespace Monitoring.Contracts;

// Travels as a kebab-case string (see ContractSerialization), so adding a member never shifts an old one.
/// <summary>
/// Whom an applicant applies as (二(三)): a member of the public (社会人员), an enrolled student (在校学生), an employee of the
/// enterprise that evaluates (用人单位职工) or a dispatched worker (劳务派遣人员); each needs its own evidence.
/// </summary>
public enum CandidateGroup { Social, Student, Enterprise, Dispatched }
