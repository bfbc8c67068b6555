namespace Monitoring.Contracts;

// Travels as a kebab-case string (see ContractSerialization), so adding a member never shifts an old one.
public enum NoticeKind { Rectification, Suspension, Revocation, PlanTermination, PlanReturn }
