using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Facts;
using Monitoring.Scoring.Plans;

namespace Monitoring.Scoring.Consumers;

/// <summary>Stores a filed (or re-filed) plan.</summary>
public sealed class PlanFiledConsumer(FactRecorder facts) : IConsumer<PlanFiled>
{
    public Task Consume(ConsumeContext<PlanFiled> context) => facts.RecordAsync(context, nameof(PlanFiledConsumer), context.Message.PlanId,
        (tx, ct) => PlanStore.UpsertAsync(tx, context.Message, ct));
}

public sealed class PlanExecutionReportedConsumer(FactRecorder facts) : IConsumer<PlanExecutionReported>
{
    public Task Consume(ConsumeContext<PlanExecutionReported> context) => facts.RecordAsync(context, nameof(PlanExecutionReportedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SaveExecutionAsync(tx, context.Message, ct));
}

public sealed class QualificationReviewedConsumer(FactRecorder facts) : IConsumer<QualificationReviewed>
{
    public Task Consume(ConsumeContext<QualificationReviewed> context) => facts.RecordAsync(context, nameof(QualificationReviewedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SaveReviewAsync(tx, context.Message, ct));
}

public sealed class ExaminersDispatchedConsumer(FactRecorder facts) : IConsumer<ExaminersDispatched>
{
    public Task Consume(ConsumeContext<ExaminersDispatched> context) => facts.RecordAsync(context, nameof(ExaminersDispatchedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SaveExaminersAsync(tx, context.Message, ct));
}

public sealed class PaperUsedConsumer(FactRecorder facts) : IConsumer<PaperUsed>
{
    public Task Consume(ConsumeContext<PaperUsed> context) => facts.RecordAsync(context, nameof(PaperUsedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SavePaperAsync(tx, context.Message, ct));
}

public sealed class SupervisionReportedConsumer(FactRecorder facts) : IConsumer<SupervisionReported>
{
    public Task Consume(ConsumeContext<SupervisionReported> context) => facts.RecordAsync(context, nameof(SupervisionReportedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SaveSupervisionAsync(tx, context.Message, ct));
}

public sealed class DisclosurePublishedConsumer(FactRecorder facts) : IConsumer<DisclosurePublished>
{
    public Task Consume(ConsumeContext<DisclosurePublished> context) => facts.RecordAsync(context, nameof(DisclosurePublishedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SaveDisclosureAsync(tx, context.Message, ct));
}

/// <summary>The plan is over: its score becomes final once the closing grace has passed.</summary>
public sealed class PlanClosedConsumer(FactRecorder facts) : IConsumer<PlanClosed>
{
    public Task Consume(ConsumeContext<PlanClosed> context) => facts.RecordAsync(context, nameof(PlanClosedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SaveClosureAsync(tx, context.Message, facts.FinalFrom, ct));
}

public sealed class WarningRaisedConsumer(FactRecorder facts) : IConsumer<WarningRaised>
{
    public Task Consume(ConsumeContext<WarningRaised> context) => facts.RecordAsync(context, nameof(WarningRaisedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SaveWarningAsync(tx, context.Message, ct));
}

public sealed class WarningAcknowledgedConsumer(FactRecorder facts) : IConsumer<WarningAcknowledged>
{
    public Task Consume(ConsumeContext<WarningAcknowledged> context) => facts.RecordAsync(context, nameof(WarningAcknowledgedConsumer),
        context.Message.PlanId, (tx, ct) => FactStore.SaveAcknowledgementAsync(tx, context.Message, ct));
}
