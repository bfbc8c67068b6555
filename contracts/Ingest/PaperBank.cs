namespace Monitoring.Contracts;

// Travels as a kebab-case string (see ContractSerialization), so adding a member never shifts an old one.
public enum PaperBank { National, Provincial, SelfBuilt }
