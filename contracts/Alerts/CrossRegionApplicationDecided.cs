namespace Monitoring.Contracts;

/// <summary>
/// A cross-region application decided: <see cref="Approved"/> once the municipal center approved it after the site's
/// local center's assessment (and assigned supervision), refused at either step otherwise. Scoring counts a plan held
/// outside its org's registered region as approved when an approved application's line matches it.
/// </summary>
public sealed record CrossRegionApplicationDecided(
    string ApplicationId,
    string OrgCode,
    string SiteRegionCode,
    bool Approved,
    IReadOnlyList<ApplicationLine> Lines,
    string DecidedBy,
    DateTimeOffset DecidedAt) : Contract;
