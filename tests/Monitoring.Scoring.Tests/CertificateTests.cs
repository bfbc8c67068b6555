using Monitoring.Contracts;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.Scoring.Tests;

public sealed class CertificateTests
{
    /// <summary>
    /// The same certificates whichever way they travel: one message each (the release before), one bulk message each,
    /// or all in one bulk message (then both certificates of the same person are handled in one statement).
    /// </summary>
    [Theory]
    [InlineData("one-item messages")]
    [InlineData("a bulk message each")]
    [InlineData("one bulk message")]
    public async Task One_person_with_certificates_of_two_plans_within_90_days_puts_a_red_breach_on_both(string travel)
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        foreach (var planId in new[] { "P-CERT-1", "P-CERT-2", "P-CERT-3" })
            await bus.PublishAsync(Facts.Plan(planId, examStart: Facts.T("2026-12-21T09:00:00+08:00")));
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-CERT-3", _ => true);

        // Same person: plan 1 in January, plan 2 within 90 days; plan 3 for someone else on the same day.
        // Much later, the same person again in plan 3: 300 days after the first, 240 after the second.
        IssuedCertificate[] certificates =
        [
            new("S000133000001264000001", "hash-same", "P-CERT-1", "4-03-02-01", 4, Facts.T("2027-01-05T10:00:00+08:00")),
            new("S000133000001264000002", "hash-other", "P-CERT-3", "4-03-02-01", 4, Facts.T("2027-03-01T10:00:00+08:00")),
            new("S000133000001264000003", "hash-same", "P-CERT-2", "4-03-02-01", 4, Facts.T("2027-03-01T10:00:00+08:00")),
            new("S000133000001274000004", "hash-same", "P-CERT-3", "4-03-02-01", 4, Facts.T("2027-10-28T10:00:00+08:00")),
        ];
        switch (travel)
        {
            case "one-item messages":
                foreach (var c in certificates)
                    await bus.PublishAsync(new CertificateIssued(c.CertificateNo, c.CandidateHash, c.PlanId, c.OccupationCode, c.Level, c.IssuedAt));
                break;
            case "a bulk message each":
                foreach (var c in certificates)
                    await bus.PublishAsync(new CertificatesIssued([c]));
                break;
            default:
                await bus.PublishAsync(new CertificatesIssued(certificates));
                break;
        }

        // Every certificate handled and every announcement relayed before the breaches are counted.
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.certificates"), n => n == 4, "the four certificates");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
        var raised = await environment.DrainAtLeastAsync(breaches, 2);
        Assert.Equal(["P-CERT-1", "P-CERT-2"], raised.Select(m => m.Message.GetProperty("planId").GetString()).Order());
        Assert.All(raised, m =>
        {
            Assert.Equal("one-person-several-certificates", m.Message.GetProperty("kind").GetString());
            Assert.Equal("red", m.Message.GetProperty("level").GetString());
            Assert.Equal("330106", m.Message.GetProperty("regionCode").GetString());
        });
    }

    /// <summary>
    /// Certificates can be handled before their plans' filings (other queues): a plan not filed cannot be routed to a
    /// center, so its breach comes when it is filed, for a pair whose certificates both came first too.
    /// </summary>
    [Fact]
    public async Task Certificates_that_come_before_their_plans_put_the_red_breach_on_both_when_the_plans_are_filed()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);

        await bus.PublishAsync(new CertificatesIssued(
        [
            new("S000133000001264000011", "hash-early", "P-EARLY-1", "4-03-02-01", 4, Facts.T("2027-01-05T10:00:00+08:00")),
            new("S000133000001264000012", "hash-early", "P-EARLY-2", "4-03-02-01", 4, Facts.T("2027-02-05T10:00:00+08:00")),
        ]));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.certificates"), n => n == 2, "the two certificates");
        Assert.Equal(0, await environment.CountAsync("SELECT count(*) FROM scoring.outbox"));

        await bus.PublishAsync(Facts.Plan("P-EARLY-1", examStart: Facts.T("2026-12-21T09:00:00+08:00")));
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-EARLY-1", _ => true);
        await bus.PublishAsync(Facts.Plan("P-EARLY-2", examStart: Facts.T("2026-12-28T09:00:00+08:00")));
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-EARLY-2", _ => true);

        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
        var raised = await environment.DrainAtLeastAsync(breaches, 2);
        Assert.Equal(["P-EARLY-1", "P-EARLY-2"], raised.Select(m => m.Message.GetProperty("planId").GetString()).Order());
        Assert.All(raised, m => Assert.Equal("one-person-several-certificates", m.Message.GetProperty("kind").GetString()));
    }

    /// <summary>
    /// Ingest's hash key is rotated between two certificates of one person: the first carries the old key's hash
    /// (bare hex), the second the new key's (<c>k2:…</c>) with the old one among its previous hashes. They are one
    /// person; after the old key is retired, a third certificate hashed under the new key alone still matches the second.
    /// </summary>
    [Fact]
    public async Task One_person_is_recognised_across_a_rotation_of_the_hash_key()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var breaches = await environment.BindProbeQueueAsync(nameof(IndicatorBreached));
        await using var app = ScoringApp.Start(environment);
        await using var bus = await TestBus.StartAsync(environment);
        foreach (var planId in new[] { "P-ROT-1", "P-ROT-2", "P-ROT-3", "P-ROT-4" })
            await bus.PublishAsync(Facts.Plan(planId, examStart: Facts.T("2026-12-21T09:00:00+08:00")));
        await ScoringPipelineTests.ScoreAsync(app, environment, "P-ROT-4", _ => true);

        // Before the rotation: the old key's hash.
        await bus.PublishAsync(new CertificatesIssued([new("S000133000001264000021", "a1b2", "P-ROT-1", "4-03-02-01", 4, Facts.T("2027-01-05T10:00:00+08:00"))]));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.certificates"), n => n == 1, "the first certificate");
        // During it: the new key's hash, and the old one; someone else with only a new-key hash that looks alike.
        await bus.PublishAsync(new CertificatesIssued(
        [
            new("S000133000001264000022", "k2:c3d4", "P-ROT-2", "4-03-02-01", 4, Facts.T("2027-02-05T10:00:00+08:00")) { PreviousCandidateHashes = ["a1b2"] },
            new("S000133000001264000023", "k2:a1b2", "P-ROT-4", "4-03-02-01", 4, Facts.T("2027-02-05T10:00:00+08:00")) { PreviousCandidateHashes = ["ffff"] },
        ]));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
        var raised = await environment.DrainAtLeastAsync(breaches, 2);
        Assert.Equal(["P-ROT-1", "P-ROT-2"], raised.Select(m => m.Message.GetProperty("planId").GetString()).Order());

        // After it, the old key retired: the new key's hash alone.
        await bus.PublishAsync(new CertificatesIssued([new("S000133000001264000024", "k2:c3d4", "P-ROT-3", "4-03-02-01", 4, Facts.T("2027-03-05T10:00:00+08:00"))]));
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.certificates"), n => n == 4, "the four certificates");
        await Eventually.ReturnsAsync(() => environment.CountAsync("SELECT count(*) FROM scoring.outbox"), n => n == 0, "the outbox to drain");
        var later = await environment.DrainAtLeastAsync(breaches, 1);
        Assert.Equal(["P-ROT-3"], later.Select(m => m.Message.GetProperty("planId").GetString()));
        // Every hash each certificate's holder is known by: 1 + 2 + 2 + 1.
        Assert.Equal(6, await environment.CountAsync("SELECT count(*) FROM scoring.certificate_hashes"));
    }
}

