namespace Monitoring.Contracts;

/// <summary>
/// The org's center confirmed (or refused) a filed exam site. Scoring keeps the registry of confirmed sites per org, and
/// checks each plan's site against it.
/// </summary>
public sealed record ExamSiteDecided(
    string SiteCode,
    string OrgCode,
    string RegionCode,
    bool Confirmed,
    string DecidedBy,
    DateTimeOffset DecidedAt) : Contract;
