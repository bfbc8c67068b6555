namespace Monitoring.Contracts;

// Travels as a kebab-case string (see ContractSerialization), so adding a member never shifts an old one.
/// <summary>What an exam room holds: the theory exam (理论知识考试) or the skill exam (技能操作考核).</summary>
public enum ExamKind { Theory, Skill }
