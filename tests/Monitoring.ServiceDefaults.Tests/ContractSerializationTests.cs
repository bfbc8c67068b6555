using System.Text.Json;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Messaging;
using Xunit;

namespace Monitoring.ServiceDefaults.Tests;

public sealed class ContractSerializationTests
{
    [Fact]
    public void Enums_travel_as_the_kebab_case_words_of_the_api()
    {
        var examiners = new ExaminersDispatched("P-1", [
            new DispatchedExaminer("E-1", ExaminerSource.InternalEmergency, EmergencyDrawReason.PoolShortage, false),
            new DispatchedExaminer("E-2", ExaminerSource.OutsidePool, null, true),
        ]);

        var json = JsonSerializer.Serialize(examiners, ContractSerialization.Options);

        Assert.Contains("\"source\":\"internal-emergency\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"pool-shortage\"", json, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"outside-pool\"", json, StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\":1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_score_survives_the_outbox_round_trip_with_its_breakdown_and_offset()
    {
        var scoredAt = new DateTimeOffset(2026, 12, 12, 18, 0, 0, TimeSpan.FromHours(8));
        var score = new PlanScored("P-1", "S0001", "330106", 57.5m, ScoreStatus.Final, "v3", scoredAt,
        [
            new IndicatorScore("video", 15, 5, [new Deduction("video.coverage", 10, "视频覆盖不足", "浙技评〔2023〕20号")]),
        ]);

        var back = JsonSerializer.Deserialize<PlanScored>(JsonSerializer.Serialize(score, ContractSerialization.Options), ContractSerialization.Options)!;

        Assert.Equal(score with { Indicators = back.Indicators }, back);
        Assert.Equal(scoredAt.Offset, back.ScoredAt.Offset);
        var deduction = Assert.Single(Assert.Single(back.Indicators).Deductions);
        Assert.Equal(new Deduction("video.coverage", 10, "视频覆盖不足", "浙技评〔2023〕20号"), deduction);
    }

    [Fact]
    public void A_message_from_an_older_sender_without_new_fields_still_reads()
    {
        const string older = """{"planId":"P-1","closedAt":"2026-12-20T10:00:00+08:00"}""";

        var closed = JsonSerializer.Deserialize<PlanClosed>(older, ContractSerialization.Options)!;

        Assert.Equal("P-1", closed.PlanId);
        Assert.Equal(1, closed.SchemaVersion);
    }
}
