using MassTransit;
using Microsoft.Extensions.Options;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Calendar;
using Monitoring.Scoring.Certificates;
using Monitoring.Scoring.Consumers;
using Monitoring.Scoring.Draws;
using Monitoring.Scoring.Staffing;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;
using Monitoring.Scoring.Policies;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Configuration;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.Scoring;

public static class ScoringModule
{
    public const string Service = "scoring";

    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase(Service, typeof(ScoringModule).Assembly);
        builder.AddMessageBus(Service, AddConsumers);
        builder.AddAccess();
        builder.Services.AddMetrics<ScoringMetrics>();

        builder.Services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PolicyLimits>().BindConfiguration(PolicyLimits.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddWorkingCalendar();
        builder.Services.AddSingleton(sp => DrawTest.From(sp.GetRequiredService<IOptions<ScoringOptions>>().Value));
        builder.Services.AddSingleton(sp => StaffingRules.From(sp.GetRequiredService<IOptions<ScoringOptions>>().Value));
        builder.Services.AddSingleton<FactsBuilder>();
        builder.Services.AddSingleton<FactRecorder>();
        builder.Services.AddSingleton<DuplicateCertificates>();
        builder.Services.AddSingleton<PolicyStore>();
        builder.Services.AddSingleton<PolicyCatalog>();
        builder.Services.AddSingleton<PlanScorer>();
        builder.Services.AddSingleton<WhatIf>();
        builder.Services.AddSingleton<RescoreWake>();
        builder.Services.AddScrapeGauges<ExamWindowGauges>();
        builder.Services.AddSingleton<RescoreWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RescoreWorker>());
        builder.Services.AddSingleton<LedgerPurge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LedgerPurge>());
        builder.Services.AddSingleton<CandidateDataPurge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CandidateDataPurge>());
        return builder;
    }

    public static WebApplication MapScoringEndpoints(this WebApplication app)
    {
        app.MapScoreEndpoints();
        app.MapPolicyEndpoints();
        return app;
    }

    static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<PlanFiledConsumer, BatchConsumerDefinition<PlanFiledConsumer, PlanFiled>>();
        bus.AddConsumer<PlanExecutionReportedConsumer, BatchConsumerDefinition<PlanExecutionReportedConsumer, PlanExecutionReported>>();
        bus.AddConsumer<QualificationReviewedConsumer, BatchConsumerDefinition<QualificationReviewedConsumer, QualificationReviewed>>();
        bus.AddConsumer<ExaminersDispatchedConsumer, BatchConsumerDefinition<ExaminersDispatchedConsumer, ExaminersDispatched>>();
        bus.AddConsumer<PaperUsedConsumer, BatchConsumerDefinition<PaperUsedConsumer, PaperUsed>>();
        bus.AddConsumer<PlanStaffedConsumer, BatchConsumerDefinition<PlanStaffedConsumer, PlanStaffed>>();
        bus.AddConsumer<SupervisionReportedConsumer, BatchConsumerDefinition<SupervisionReportedConsumer, SupervisionReported>>();
        bus.AddConsumer<DisclosurePublishedConsumer, BatchConsumerDefinition<DisclosurePublishedConsumer, DisclosurePublished>>();
        bus.AddConsumer<PlanClosedConsumer, BatchConsumerDefinition<PlanClosedConsumer, PlanClosed>>();
        bus.AddConsumer<WarningRaisedConsumer>();
        bus.AddConsumer<WarningAcknowledgedConsumer>();
        bus.AddConsumer<CrossRegionApplicationDecidedConsumer>();
        bus.AddConsumer<ExamSiteDecidedConsumer>();
        bus.AddConsumer<CertificateIssuedConsumer>();
        bus.AddConsumer<ResultRecordedConsumer, BatchConsumerDefinition<ResultRecordedConsumer, ResultRecorded>>();
        bus.AddConsumer<SurveyRespondedConsumer, BatchConsumerDefinition<SurveyRespondedConsumer, SurveyResponded>>();
        bus.AddConsumer<VideoSegmentRecordedConsumer, BatchConsumerDefinition<VideoSegmentRecordedConsumer, VideoSegmentRecorded>>();
        // What ingest sends now: a submission's items in one message. The one-item messages above stay consumed while
        // an ingest replica of the previous release may still send them.
        bus.AddConsumer<ResultsRecordedConsumer, BulkConsumerDefinition<ResultsRecordedConsumer, ResultsRecorded>>();
        bus.AddConsumer<SurveysRespondedConsumer, BulkConsumerDefinition<SurveysRespondedConsumer, SurveysResponded>>();
        bus.AddConsumer<VideoSegmentsRecordedConsumer, BulkConsumerDefinition<VideoSegmentsRecordedConsumer, VideoSegmentsRecorded>>();
        bus.AddConsumer<CertificatesIssuedConsumer, BulkConsumerDefinition<CertificatesIssuedConsumer, CertificatesIssued>>();
    }
}
