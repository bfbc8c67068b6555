namespace Monitoring.Contracts;

/// <summary>A quality supervisor's finding and whether it was closed.</summary>
public sealed record SupervisionFinding(string FindingId, bool Closed);
