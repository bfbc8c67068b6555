using System.Net;
using System.Net.Http.Json;
using Dapper;
using MassTransit;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

public sealed class ReliableMessagingTests
{
    [Fact]
    public async Task A_publisher_killed_between_commit_and_publish_sends_exactly_one_message_after_restart()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var alerts = await ServiceProcess.StartAsync("alerts", environment);
        var probe = await environment.BindProbeQueueAsync(nameof(PlanScored));
        await using var ingest = await ServiceProcess.StartAsync("ingest", environment);

        // Scoring runs as a broker user who may do everything but publish its scores: each scoring commits with
        // its PlanScored in the outbox, and the relay cannot send it. The fault is the broker's, not scoring's.
        var user = await environment.CreateBrokerUserAsync(write: @"^(?!Monitoring\.Contracts:(PlanScored|IndicatorBreached)$).*");
        var crashing = await ServiceProcess.StartAsync("scoring", environment, user.Settings);

        var filed = await ingest.Http.PostAsJsonAsync("api/v1/plans", Plans.Filed("P-CRASH-1"));
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n >= 1,
            "the score to be committed with its message in the outbox", context: () => crashing.Output);

        // Killed from outside (SIGKILL) with the row committed and not relayed.
        await crashing.KillAsync();
        await crashing.DisposeAsync();
        Assert.Equal(1, await environment.CountAsync("SELECT count(*) FROM scoring.plan_scores WHERE plan_id = 'P-CRASH-1'"));
        Guid pending;
        await using (var connection = environment.OpenConnection())
            pending = await connection.QuerySingleAsync<Guid>("SELECT message_id FROM scoring.outbox");
        Assert.Empty(await environment.DrainAsync(probe));

        // Restarted (and allowed to publish), it relays the row the crash left, with the id it was stored under:
        // one PlanScored in all, which alerts consumes once.
        await user.AllowEverythingAsync();
        await using var scoring = await ServiceProcess.StartAsync("scoring", environment, user.Settings);
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
        await Eventually.ReturnsAsync(() => alerts.MetricAsync("monitoring_messages_consumed_total", "consumer=\"PlanScoredConsumer\",message_type=\"PlanScored\""),
            n => n == 1, "alerts to take the score");

        var published = await environment.DrainAsync(probe);
        Assert.Equal([pending.ToString()], published.Select(m => m.MessageId));
        Assert.Equal(1, await environment.CountAsync("SELECT count(*) FROM alerts.orgs WHERE org_code = @org", new { org = "S3301060001" }));
    }

    [Fact]
    public async Task A_redelivered_message_changes_the_state_once()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        await using var alerts = await ServiceProcess.StartAsync("alerts", environment);
        var score = new PlanScored("P-REDELIVERED-1", "S3301060001", "330106", 52.5m, ScoreStatus.Final, "placeholder-0",
            DateTimeOffset.Parse("2026-12-20T10:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), []);
        var messageId = NewId.NextGuid();

        var broker = environment.Infrastructure.Broker;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker.Host, (ushort)broker.Port, environment.VirtualHost, h =>
            {
                h.Username(broker.Username);
                h.Password(broker.Password);
            });
            cfg.ConfigureJsonSerializerOptions(ContractSerialization.Configure);
            cfg.Publish<Contract>(p => p.Exclude = true);
        });
        await bus.StartAsync();
        try
        {
            // A redelivery comes once the first delivery was handled (a lost acknowledgement): back to back, both would
            // land in one batch of alerts' batch consumer, where MassTransit itself drops the copy before the inbox sees it.
            await bus.Publish(score, c => c.MessageId = messageId);
            await Eventually.ReturnsAsync(() => alerts.MetricAsync("monitoring_messages_consumed_total", "consumer=\"PlanScoredConsumer\",message_type=\"PlanScored\""),
                n => n == 1, "the first delivery", context: () => alerts.Output);
            await bus.Publish(score, c => c.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }

        await Eventually.ReturnsAsync(() => alerts.MetricAsync("monitoring_inbox_duplicates_total", "consumer=\"PlanScoredConsumer\""),
            n => n == 1, "the second delivery to be dropped", context: () => alerts.Output);
        // A final score below 60 opens the plan's rectification task once, however often the score arrives.
        Assert.Equal(1, await environment.CountAsync("SELECT count(*) FROM alerts.rectifications WHERE plan_id = 'P-REDELIVERED-1'"));
        Assert.Equal(1, await alerts.MetricAsync("monitoring_messages_consumed_total", "consumer=\"PlanScoredConsumer\",message_type=\"PlanScored\""));
    }
}
