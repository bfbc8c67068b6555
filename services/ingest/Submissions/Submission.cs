using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Requests;

namespace Monitoring.Ingest.Submissions;

/// <summary>
/// One kind of data the upstream platform sends: its endpoint, its <c>type</c> in an import, the request
/// it reads, its rules and the contract messages it becomes. An endpoint and an import line of the same
/// kind go through this one path, so they accept and refuse exactly the same things.
/// </summary>
public abstract class Submission
{
    /// <summary>The <c>type</c> of an import line.</summary>
    public abstract string Type { get; }

    public abstract string Path { get; }

    /// <summary>The endpoint's name: its OpenAPI operation id and its <c>endpoint</c> label in metrics.</summary>
    public abstract string EndpointName { get; }

    public abstract Type RequestType { get; }

    public bool PlanScoped => Path.Contains("{planId}", StringComparison.Ordinal);

    /// <summary>
    /// Reads, checks and converts a body. <paramref name="planId"/> is the route's (already checked) for a
    /// plan-scoped kind. Problems go to <paramref name="errors"/> under <paramref name="prefix"/>; with any,
    /// the result is empty.
    /// </summary>
    public abstract IReadOnlyList<Contract> Read(JsonElement body, string? planId, SubmissionContext context, FieldErrors errors, string prefix = "");

    /// <summary>The facts a message carries: a bulk message one per item, any other one.</summary>
    public static int Facts(Contract message) => message switch
    {
        ResultsRecorded m => m.Results.Count,
        SurveysResponded m => m.Responses.Count,
        VideoSegmentsRecorded m => m.Segments.Count,
        CertificatesIssued m => m.Certificates.Count,
        _ => 1,
    };
}

public abstract class Submission<TRequest> : Submission where TRequest : class
{
    public override Type RequestType => typeof(TRequest);

    public override IReadOnlyList<Contract> Read(JsonElement body, string? planId, SubmissionContext context, FieldErrors errors, string prefix = "")
    {
        var before = errors.Count;
        var request = JsonShape.Read<TRequest>(body, errors, prefix);
        Validate(request, new Check(errors, prefix, context.Today));
        return errors.Count > before ? [] : Map(request, planId!, context);
    }

    protected abstract void Validate(TRequest r, Check c);

    /// <summary>Builds the messages of a request that passed <see cref="Validate"/>: its checked fields are not null.</summary>
    protected abstract IReadOnlyList<Contract> Map(TRequest r, string planId, SubmissionContext context);
}
