namespace Monitoring.Contracts;

/// <summary>One of the ten core indicators: its weight, what it scored and why.</summary>
public sealed record IndicatorScore(
    string Indicator,
    decimal Weight,
    decimal Score,
    IReadOnlyList<Deduction> Deductions);
