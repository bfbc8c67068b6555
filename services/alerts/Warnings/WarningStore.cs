using System.Text.Json;
using Dapper;
using Monitoring.Contracts;
using Monitoring.Alerts.Webhooks;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Calendar;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults;

namespace Monitoring.Alerts.Warnings;

/// <summary>What raises a warning: the plan, who runs it and where, and what is wrong.</summary>
public sealed record WarningInput(string PlanId, string OrgCode, string RegionCode, WarningLevel Level, string Kind, string Message);

/// <summary>A warning as centers read it (API.md), with two fields added to it: when it must be answered, and whether that passed.</summary>
public sealed record WarningView(Guid WarningId, string PlanId, string OrgCode, string RegionCode, string Level, string Kind,
    string Message, DateTimeOffset RaisedAt, string Status, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The end of the working day by which the center must answer (<see cref="WarningDeadline"/>: 10 / 5 / 2 working days
    /// for yellow / orange / red from the day it was first raised), the moment scoring counts it overdue from.
    /// </summary>
    public DateTimeOffset? DeadlineAt { get; init; }

    /// <summary>Still open (not acknowledged or resolved) at or after <see cref="DeadlineAt"/>, by the service's clock.</summary>
    public bool Overdue { get; init; }

    /// <summary>This warning with its deadline, and whether it is overdue at <paramref name="now"/>.</summary>
    public WarningView WithDeadline(WorkingCalendar calendar, DateTimeOffset now)
    {
        var deadline = WarningDeadline.For(calendar, EnumText.Parse<WarningLevel>(Level), RaisedAt);
        return this with { DeadlineAt = deadline, Overdue = Status == "open" && now >= deadline };
    }
}

/// <summary>
/// Warnings, one per plan and kind. A repeat updates the warning; a higher level escalates it (and reopens
/// it); only a new or escalated warning is announced (<see cref="WarningRaised"/>) and delivered to the
/// webhooks of the centers whose jurisdiction covers the plan's region. History is kept for every step.
/// </summary>
public static class WarningStore
{
    public static async Task<WarningView> RaiseAsync(MessagingTransaction tx, WarningInput input, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await FindForUpdateAsync(tx, input.PlanId, input.Kind, ct);
        if (existing is null)
        {
            var warningId = Guid.CreateVersion7(now);
            var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO warnings (warning_id, plan_id, org_code, region_code, level, kind, message, status, raised_at, updated_at)
                VALUES (@warningId, @PlanId, @OrgCode, @RegionCode, @level, @Kind, @Message, 'open', @now, @now)
                ON CONFLICT (plan_id, kind) DO NOTHING
                """, new { warningId, input.PlanId, input.OrgCode, input.RegionCode, level = EnumText.Of(input.Level), input.Kind, input.Message, now },
                tx.Transaction, cancellationToken: ct));
            if (inserted == 1)
            {
                var created = new WarningView(warningId, input.PlanId, input.OrgCode, input.RegionCode, EnumText.Of(input.Level), input.Kind,
                    input.Message, now, "open", now);
                await AnnounceAsync(tx, created, input.Level, escalated: false, actor, now, ct);
                return created;
            }
            // Another consumer raised it a moment ago: treat it as a repeat of that one.
            existing = await FindForUpdateAsync(tx, input.PlanId, input.Kind, ct) ?? throw new InvalidOperationException("The warning vanished");
        }

        var current = EnumText.Parse<WarningLevel>(existing.Level);
        if (input.Level > current)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                UPDATE warnings SET level = @level, message = @Message, status = 'open', updated_at = @now WHERE warning_id = @WarningId
                """, new { level = EnumText.Of(input.Level), input.Message, now, existing.WarningId }, tx.Transaction, cancellationToken: ct));
            var escalated = existing with { Level = EnumText.Of(input.Level), Message = input.Message, Status = "open", UpdatedAt = now };
            await AnnounceAsync(tx, escalated, input.Level, escalated: true, actor, now, ct);
            return escalated;
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE warnings SET updated_at = @now WHERE warning_id = @WarningId", new { now, existing.WarningId }, tx.Transaction, cancellationToken: ct));
        await HistoryAsync(tx, existing.WarningId, "repeated", actor, existing.Level, input.Message, now, ct);
        return existing;
    }

    /// <summary>A warning, for reading: no lock is taken.</summary>
    public static async Task<WarningView?> GetAsync(Npgsql.NpgsqlConnection connection, Guid warningId, CancellationToken ct) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE warning_id = @warningId", new { warningId }, cancellationToken: ct)))?.View();

    /// <summary>A warning, locked until the transaction ends, for a step on it.</summary>
    public static async Task<WarningView?> LockAsync(MessagingTransaction tx, Guid warningId, CancellationToken ct)
    {
        var row = await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE warning_id = @warningId FOR UPDATE", new { warningId }, tx.Transaction, cancellationToken: ct));
        return row?.View();
    }

    /// <summary>Moves a warning to acknowledged or resolved; acknowledging tells scoring the warning was answered.</summary>
    public static async Task<WarningView> SetStatusAsync(MessagingTransaction tx, WarningView warning, string status, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE warnings SET status = @status, updated_at = @now WHERE warning_id = @WarningId",
            new { status, now, warning.WarningId }, tx.Transaction, cancellationToken: ct));
        await HistoryAsync(tx, warning.WarningId, status, actor, warning.Level, null, now, ct);
        if (warning.Status == "open")
            tx.Publish(new WarningAcknowledged(warning.WarningId, warning.PlanId, now));
        return warning with { Status = status, UpdatedAt = now };
    }

    /// <summary>Warnings in <paramref name="region"/> and the regions under it.</summary>
    public static async Task<IReadOnlyList<WarningView>> ListAsync(Npgsql.NpgsqlConnection connection, string? region, string? status, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE (@status::text IS NULL OR status = @status) AND region_code LIKE @prefix ORDER BY raised_at DESC",
            new { status, prefix = Jurisdiction.LikePattern(region) }, cancellationToken: ct));
        return rows.Select(r => r.View()).ToList();
    }

    public static async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Npgsql.NpgsqlConnection connection, Guid warningId, CancellationToken ct) =>
        (await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            "SELECT at AS At, action AS Action, actor AS Actor, level AS Level, detail AS Detail FROM warning_history WHERE warning_id = @warningId ORDER BY id",
            new { warningId }, cancellationToken: ct)))
        .Select(h => new HistoryEntry(UtcDateTimeOffsetHandler.FromDatabase(h.At), h.Action, h.Actor, h.Level, h.Detail)).ToList();

    static async Task AnnounceAsync(MessagingTransaction tx, WarningView warning, WarningLevel level, bool escalated, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await HistoryAsync(tx, warning.WarningId, escalated ? "escalated" : "raised", actor, warning.Level, warning.Message, now, ct);
        tx.Publish(new WarningRaised(warning.WarningId, warning.PlanId, warning.OrgCode, warning.RegionCode, level, warning.Kind, warning.Message, now, escalated));
        var payload = JsonSerializer.Serialize(new
        {
            @event = escalated ? "warning.escalated" : "warning.raised",
            warning.WarningId, warning.PlanId, warning.OrgCode, warning.RegionCode, warning.Level, warning.Kind, warning.Message,
            warning.RaisedAt, warning.Status, at = now,
        }, JsonSerializerOptions.Web);
        await WebhookStore.QueueAsync(tx, warning.WarningId, warning.RegionCode, payload, now, ct);
    }

    static Task HistoryAsync(MessagingTransaction tx, Guid warningId, string action, string actor, string level, string? detail, DateTimeOffset at, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO warning_history (warning_id, at, action, actor, level, detail) VALUES (@warningId, @at, @action, @actor, @level, @detail)",
            new { warningId, at, action, actor, level, detail }, tx.Transaction, cancellationToken: ct));

    static async Task<WarningView?> FindForUpdateAsync(MessagingTransaction tx, string planId, string kind, CancellationToken ct) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE plan_id = @planId AND kind = @kind FOR UPDATE", new { planId, kind }, tx.Transaction, cancellationToken: ct)))?.View();

    const string Select = """
        SELECT warning_id AS WarningId, plan_id AS PlanId, org_code AS OrgCode, region_code AS RegionCode, level AS Level, kind AS Kind,
               message AS Message, raised_at AS RaisedAt, status AS Status, updated_at AS UpdatedAt
        FROM warnings
        """;

    sealed record Row(Guid WarningId, string PlanId, string OrgCode, string RegionCode, string Level, string Kind, string Message,
        DateTime RaisedAt, string Status, DateTime UpdatedAt)
    {
        public WarningView View() => new(WarningId, PlanId, OrgCode, RegionCode, Level, Kind, Message,
            UtcDateTimeOffsetHandler.FromDatabase(RaisedAt), Status, UtcDateTimeOffsetHandler.FromDatabase(UpdatedAt));
    }

    sealed record HistoryRow(DateTime At, string Action, string Actor, string Level, string? Detail);
}

public sealed record HistoryEntry(DateTimeOffset At, string Action, string Actor, string Level, string? Detail);
