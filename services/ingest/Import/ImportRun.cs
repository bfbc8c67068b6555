using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using Monitoring.Ingest.Publishing;
using Monitoring.Ingest.Submissions;
using Monitoring.ServiceDefaults.Requests;
using Monitoring.ServiceDefaults.Access;

namespace Monitoring.Ingest.Import;

/// <summary>
/// One import: reads NDJSON lines, checks each like its endpoint would, publishes accepted messages in
/// batches and answers every line in order once its fate is known. After the broker fails once, the
/// remaining good lines are answered <c>unavailable</c> at once instead of waiting out a timeout each.
/// </summary>
public sealed class ImportRun(HttpContext http, ImportEndpoint.Services services, bool publish)
{
    static readonly byte Newline = (byte)'\n';
    static readonly byte[] NewlineBytes = [Newline];
    static readonly JsonSerializerOptions AnswerJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    readonly List<Outgoing> batch = [];
    readonly List<Pending> pending = [];
    readonly SubmissionContext context = SubmissionContext.Create(services.Time, services.Hasher);
    readonly int maxLine = services.Options.Value.MaxImportLineBytes;
    readonly int batchSize = services.Options.Value.ImportBatchSize;
    bool brokerDown;
    long lines, accepted, rejected, unavailable, messages;

    public async Task<ImportSummary> RunAsync(Stream input)
    {
        var cancellationToken = http.RequestAborted;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        await http.Response.StartAsync(cancellationToken);
        services.Metrics.ImportsRunning.Inc();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
            var skipping = false;
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                while (buffer.PositionOf(Newline) is { } end)
                {
                    var line = buffer.Slice(0, end);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    lines++;
                    if (skipping)
                    {
                        skipping = false;
                        Refuse(lines, null, Errors("line", $"at most {maxLine} bytes"));
                    }
                    else
                        Handle(lines, line);
                    if (batch.Count >= batchSize || pending.Count >= batchSize)
                        await FlushAsync(cancellationToken);
                }

                if (buffer.Length > maxLine)
                {
                    skipping = true;
                    buffer = buffer.Slice(buffer.End);
                }
                if (result.IsCompleted)
                {
                    if (skipping || buffer.Length > 0)
                    {
                        lines++;
                        if (skipping)
                            Refuse(lines, null, Errors("line", $"at most {maxLine} bytes"));
                        else
                            Handle(lines, buffer);
                    }
                    break;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
            await reader.CompleteAsync();
            await FlushAsync(cancellationToken);

            var summary = new ImportSummary(lines, accepted, rejected, unavailable, messages);
            await WriteAsync(new ImportAnswer("summary", Summary: summary), cancellationToken);
            services.Logger.LogInformation(
                "Import of {Lines} lines: {Accepted} accepted ({Messages} messages), {Rejected} rejected, {Unavailable} unavailable in {Elapsed} ms (replay: {Replay})",
                lines, accepted, messages, rejected, unavailable, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, !publish);
            services.Metrics.Requests.WithLabels(ImportEndpoint.Name, publish ? "accepted" : "replayed").Inc();
            return summary;
        }
        finally
        {
            services.Metrics.ImportsRunning.Dec();
        }
    }

    void Handle(long number, ReadOnlySequence<byte> line)
    {
        if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
            line = line.Slice(0, line.Length - 1);
        if (IsBlank(line))
            return;

        var parseErrors = new FieldErrors();
        var document = JsonInput.Parse(line, parseErrors, "line", singleLine: true);
        if (document is null)
        {
            Refuse(number, null, parseErrors);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Refuse(number, null, Errors("line", "a JSON object with type, planId and body"));
                return;
            }

            var errors = new FieldErrors();
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is null || !SubmissionCatalog.ByType.TryGetValue(type, out var submission))
            {
                errors.Add("type", "one of " + string.Join(", ", SubmissionCatalog.ByType.Keys));
                Refuse(number, type is null ? null : "unknown", errors);
                return;
            }

            string? planId = null;
            if (root.TryGetProperty("planId", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                planId = p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                if (planId is null || !Formats.IsPlanId(planId))
                    errors.Add("planId", "1–64 characters of A-Z a-z 0-9 -");
            }
            else if (submission.PlanScoped)
                errors.Add("planId", "required");

            if (!root.TryGetProperty("body", out var body) || body.ValueKind == JsonValueKind.Null)
            {
                errors.Add("body", "required");
                Refuse(number, type, errors);
                return;
            }

            var contracts = submission.Read(body, planId, context, errors, "body");
            if (!errors.Any && planId is not null && contracts is [Contracts.PlanFiled filed] && filed.PlanId != planId)
                errors.Add("planId", "equal to body.planId");
            if (errors.Any)
            {
                Refuse(number, type, errors);
                return;
            }

            var outgoing = contracts.Select(Outgoing.Of).ToList();
            batch.AddRange(outgoing);
            pending.Add(new Pending(number, type, null, outgoing.Count));
        }
    }

    void Refuse(long number, string? type, FieldErrors errors)
    {
        foreach (var field in errors.Shapes())
            services.Metrics.InvalidFields.WithLabels(ImportEndpoint.Name, field).Inc();
        pending.Add(new Pending(number, type, errors.ToDictionary(), 0));
    }

    /// <summary>Publishes the batch, then answers the pending lines in order: accepted ones as ranges.</summary>
    async Task FlushAsync(CancellationToken cancellationToken)
    {
        var taken = !brokerDown;
        if (publish && batch.Count > 0 && !brokerDown)
        {
            try
            {
                await services.Publisher.PublishAsync(batch, cancellationToken);
            }
            catch (BrokerUnavailableException)
            {
                brokerDown = true;
                taken = false;
            }
        }
        batch.Clear();

        long? from = null, to = null;
        var rangeMessages = 0;
        foreach (var line in pending)
        {
            if (line.Errors is null && taken)
            {
                from ??= line.Number;
                to = line.Number;
                rangeMessages += line.Messages;
                accepted++;
                messages += line.Messages;
                continue;
            }

            if (from is not null)
                await WriteAsync(new ImportAnswer("accepted", From: from, To: to, Messages: rangeMessages), cancellationToken);
            from = null;
            rangeMessages = 0;
            if (line.Errors is not null)
            {
                rejected++;
                if (publish)
                    RequestRejections.Count(http, "validation");
                await WriteAsync(new ImportAnswer("rejected", Line: line.Number, Type: line.Type, Errors: line.Errors), cancellationToken);
            }
            else
            {
                unavailable++;
                await WriteAsync(new ImportAnswer("unavailable", Line: line.Number, Type: line.Type), cancellationToken);
            }
        }
        if (from is not null)
            await WriteAsync(new ImportAnswer("accepted", From: from, To: to, Messages: rangeMessages), cancellationToken);

        if (publish)
        {
            services.Metrics.ImportLines.WithLabels("accepted").Inc(pending.Count(l => l.Errors is null && taken));
            services.Metrics.ImportLines.WithLabels("rejected").Inc(pending.Count(l => l.Errors is not null));
            services.Metrics.ImportLines.WithLabels("unavailable").Inc(pending.Count(l => l.Errors is null && !taken));
        }
        pending.Clear();
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    async Task WriteAsync(ImportAnswer answer, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(http.Response.Body, answer, AnswerJson, cancellationToken);
        await http.Response.Body.WriteAsync(NewlineBytes, cancellationToken);
    }

    static FieldErrors Errors(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                    return false;
            }
        }
        return true;
    }

    sealed record Pending(long Number, string? Type, IReadOnlyDictionary<string, string[]>? Errors, int Messages);
}
