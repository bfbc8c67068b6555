using System.Text.RegularExpressions;
using MassTransit;
using Monitoring.Contracts;

namespace Monitoring.Ingest.Plans;

public static partial class PlanEndpoints
{
    static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public static void MapPlanEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/plans", FileAsync)
            .WithName("FilePlan")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces(StatusCodes.Status202Accepted);

    /// <summary>Validates a filed plan and answers 202 only once the broker confirmed <see cref="PlanFiled"/>.</summary>
    static async Task<IResult> FileAsync(PlanRequest request, IBus bus, HttpContext http, ILogger<PlanRequest> logger)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            IngestMetrics.Requests.WithLabels("plans", "rejected").Inc();
            return Results.ValidationProblem(errors, title: "The plan has invalid fields");
        }

        var plan = new PlanFiled(
            request.PlanId!, request.OrgCode!, request.OrgName!, Enum.Parse<OrgKind>(request.OrgKind!, ignoreCase: true),
            request.RegionCode!, request.OccupationCode!, request.OccupationName!, request.Level!.Value,
            request.CandidateCount!.Value, request.ExamStart!.Value, request.ExamEnd!.Value, request.SiteCode!,
            request.SiteRegistered!.Value, request.WithinFiledScope!.Value, request.AnnouncedAt!.Value);

        var messageId = NewId.NextGuid();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await bus.Publish(plan, context => context.MessageId = messageId, timeout.Token);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Plan {PlanId} was not accepted: the broker did not confirm it", plan.PlanId);
            IngestMetrics.Requests.WithLabels("plans", "unavailable").Inc();
            http.Response.Headers.RetryAfter = "5";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The message broker is unavailable", detail: "Nothing was stored; retry later with the same body.");
        }

        IngestMetrics.Requests.WithLabels("plans", "accepted").Inc();
        logger.LogInformation("Plan {PlanId} of org {OrgCode} accepted as message {MessageId}", plan.PlanId, plan.OrgCode, messageId);
        return Results.Accepted(value: new { planId = plan.PlanId, messageId });
    }

    // The foundation checks presence and the basic formats; the ingest issue completes the rules.
    static Dictionary<string, string[]> Validate(PlanRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
                errors[field] = [message];
        }

        Check(r.PlanId is not null && PlanIdPattern().IsMatch(r.PlanId), "planId", "1–64 characters of A-Z a-z 0-9 -");
        Check(!string.IsNullOrWhiteSpace(r.OrgCode), "orgCode", "required");
        Check(!string.IsNullOrWhiteSpace(r.OrgName), "orgName", "required");
        Check(r.OrgKind is "social" or "enterprise" or "college", "orgKind", "one of social, enterprise, college");
        Check(r.RegionCode is not null && RegionPattern().IsMatch(r.RegionCode), "regionCode", "6 digits starting with 33");
        Check(r.OccupationCode is not null && OccupationPattern().IsMatch(r.OccupationCode), "occupationCode", "X-XX-XX-XX or X-XX-XX-XX-XX");
        Check(!string.IsNullOrWhiteSpace(r.OccupationName), "occupationName", "required");
        Check(r.Level is >= 1 and <= 5, "level", "1 to 5");
        Check(r.CandidateCount is >= 1 and <= 10_000, "candidateCount", "1 to 10000");
        Check(r.ExamStart is not null, "examStart", "required");
        Check(r.ExamEnd is not null && (r.ExamStart is null || r.ExamEnd > r.ExamStart), "examEnd", "required, after examStart");
        Check(!string.IsNullOrWhiteSpace(r.SiteCode), "siteCode", "required");
        Check(r.SiteRegistered is not null, "siteRegistered", "required");
        Check(r.WithinFiledScope is not null, "withinFiledScope", "required");
        Check(r.AnnouncedAt is not null, "announcedAt", "required");
        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex PlanIdPattern();

    [GeneratedRegex("^33[0-9]{4}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}(-[0-9]{2})?$")]
    private static partial Regex OccupationPattern();
}
