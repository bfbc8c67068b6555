using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>
/// With quorum queues (a clustered broker, RabbitMq:QuorumQueues=true), the command alerts sends to notice's
/// queue still arrives: the sender must not declare that queue again without its quorum arguments.
/// </summary>
public sealed class QuorumQueueTests
{
    [Fact]
    public async Task A_final_score_below_60_reaches_notice_as_a_numbered_notice_when_every_queue_is_a_quorum_queue()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var quorum = new Dictionary<string, string> { ["RabbitMq__QuorumQueues"] = "true" };
        await using var notice = await ServiceProcess.StartAsync("notice", environment, quorum);
        await using var alerts = await ServiceProcess.StartAsync("alerts", environment, quorum);
        await using var bus = await TestBus.StartAsync(environment);

        await bus.PublishAsync(new PlanScored("P-QUORUM-1", "S3301060001", "330106", 41.5m, ScoreStatus.Final, "zj-default-2026.3",
            DateTimeOffset.UtcNow, [new IndicatorScore("video", 15, 5, [new Deduction("video.coverage", 10, "考试视频未全程覆盖", "浙技评〔2023〕20号")])],
            "某培训学校"));

        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM notice.notices WHERE plan_id = 'P-QUORUM-1' AND kind = 'rectification'"),
            n => n == 1, "notice to issue the rectification notice", context: () => alerts.Output);
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM alerts.outbox"));
    }
}
