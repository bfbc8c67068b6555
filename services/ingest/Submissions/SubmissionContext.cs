using Monitoring.Ingest.Privacy;
using Monitoring.ServiceDefaults;

namespace Monitoring.Ingest.Submissions;

/// <summary>What reading a submission needs besides its body: today's date in Asia/Shanghai and the ID hasher.</summary>
public sealed record SubmissionContext(DateOnly Today, CandidateHasher Hasher)
{
    public static SubmissionContext Create(TimeProvider time, CandidateHasher hasher) =>
        new(ShanghaiTime.Day(time.GetUtcNow()), hasher);
}
