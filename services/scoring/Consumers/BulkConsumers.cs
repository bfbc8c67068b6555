using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Certificates;
using Monitoring.Scoring.Facts;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

// Ingest sends a submission's items as one message (ResultsRecorded …): each consumer takes a batch of such messages
// and writes all their items with one set-based statement, in one transaction with the batch's inbox rows.

/// <summary>Results, many to a message, a batch of messages to a statement.</summary>
public sealed class ResultsRecordedConsumer(FactRecorder facts) : IConsumer<Batch<ResultsRecorded>>
{
    public Task Consume(ConsumeContext<Batch<ResultsRecorded>> context) =>
        facts.RecordBatchAsync(context, nameof(ResultsRecordedConsumer), m => m.PlanId, (tx, messages, ct) =>
            FactStore.SaveResultsAsync(tx, [.. messages.SelectMany(m => m.Results.Select(r =>
                new ResultRecorded(m.PlanId, r.CandidateHash, r.TheoryScore, r.SkillScore, r.Passed, r.RecordedAt, r.EditedAfterLock)))], ct));
}

/// <summary>Survey answers, many to a message.</summary>
public sealed class SurveysRespondedConsumer(FactRecorder facts) : IConsumer<Batch<SurveysResponded>>
{
    public Task Consume(ConsumeContext<Batch<SurveysResponded>> context) =>
        facts.RecordBatchAsync(context, nameof(SurveysRespondedConsumer), m => m.PlanId, (tx, messages, ct) =>
            FactStore.SaveSurveysAsync(tx, [.. messages.SelectMany(m => m.Responses.Select(r =>
                new SurveyResponded(m.PlanId, r.CandidateHash, r.Satisfaction, r.Complaint)))], ct));
}

/// <summary>Video segments, many to a message.</summary>
public sealed class VideoSegmentsRecordedConsumer(FactRecorder facts) : IConsumer<Batch<VideoSegmentsRecorded>>
{
    public Task Consume(ConsumeContext<Batch<VideoSegmentsRecorded>> context) =>
        facts.RecordBatchAsync(context, nameof(VideoSegmentsRecordedConsumer), m => m.PlanId, (tx, messages, ct) =>
            FactStore.SaveVideosAsync(tx, [.. messages.SelectMany(m => m.Segments.Select(s =>
                new VideoSegmentRecorded(m.PlanId, s.Room, s.CameraId, s.From, s.To, s.ResolutionLines, s.CandidatesCovered, s.CandidatesInRoom)))], ct));
}

/// <summary>Certificates, many to a message: stored and checked for one person holding several, set-based; plans certifying staff rescored.</summary>
public sealed class CertificatesIssuedConsumer(ReliableMessaging messaging, DuplicateCertificates certificates, FactRecorder facts)
    : IConsumer<Batch<CertificatesIssued>>
{
    public Task Consume(ConsumeContext<Batch<CertificatesIssued>> context) =>
        messaging.ConsumeBatchOnceAsync(context, nameof(CertificatesIssuedConsumer), async (tx, messages) =>
        {
            var staffCertified = await certificates.RecordAsync(tx, [.. messages.SelectMany(m => m.Certificates.Select(c =>
                new CertificateIssued(c.CertificateNo, c.CandidateHash, c.PlanId, c.OccupationCode, c.Level, c.IssuedAt)
                {
                    PreviousCandidateHashes = c.PreviousCandidateHashes ?? [],
                }))], context.CancellationToken);
            await facts.RescoreAsync(tx, staffCertified, context.CancellationToken);
        });
}
