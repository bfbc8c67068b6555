using Monitoring.Ingest.Privacy;

namespace Monitoring.Ingest.Submissions;

/// <summary>What reading a submission needs besides its body: today's date in Asia/Shanghai and the ID hasher.</summary>
public sealed record SubmissionContext(DateOnly Today, CandidateHasher Hasher)
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static SubmissionContext Create(TimeProvider time, CandidateHasher hasher) =>
        new(DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Shanghai).DateTime), hasher);
}
