namespace Monitoring.Ingest.Import;

/// <summary>
/// One line of an import's answer: a range of accepted lines (<c>from</c>–<c>to</c>), one refused line with its
/// bad fields, a line the broker did not take (<c>unavailable</c>: send it again), or the closing summary.
/// </summary>
public sealed record ImportAnswer(
    string Status,
    long? Line = null,
    long? From = null,
    long? To = null,
    string? Type = null,
    int? Messages = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    ImportSummary? Summary = null);

/// <summary>The last line of an import's answer.</summary>
public sealed record ImportSummary(long Lines, long Accepted, long Rejected, long Unavailable, long Messages);
