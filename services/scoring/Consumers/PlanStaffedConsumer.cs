using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Certificates;
using Monitoring.Scoring.Draws;
using Monitoring.Scoring.Staffing;

namespace Monitoring.Scoring.Consumers;

/// <summary>
/// Stores who ran plans' exams, a batch of messages in one transaction (see <see cref="FactRecorder"/>), each staffing with
/// a statement of its own in plan order. A person who served may hold certificates of the org's plans (三(二)): those
/// plans are rescored too. The people's hashes are locked shared against certificates
/// (<see cref="CertificateStore.ShareCandidatesAsync"/>), so a certificate at the same time either came first and is seen
/// here, or comes after and sees this staffing; staffings of the same examiner in other plans do not wait for each
/// other. A filing of a served plan at the same time is seen by the rescore worker, which expands it after both commits
/// (<see cref="DrawStore.ExpandChangesAsync"/>).
/// </summary>
public sealed class PlanStaffedConsumer(FactRecorder facts) : IConsumer<Batch<PlanStaffed>>
{
    public Task Consume(ConsumeContext<Batch<PlanStaffed>> context) =>
        facts.RecordBatchAsync(context, nameof(PlanStaffedConsumer), m => m.PlanId, async (tx, staffings, ct) =>
        {
            await CertificateStore.ShareCandidatesAsync(tx, [.. staffings.SelectMany(m => m.Staff).SelectMany(StaffStore.HashesOf)], ct);
            // A stable sort: a plan staffed twice in the batch keeps its order, so the later staffing wins.
            var certifying = new HashSet<string>(StringComparer.Ordinal);
            foreach (var staffing in staffings.OrderBy(m => m.PlanId, StringComparer.Ordinal))
                certifying.UnionWith(await StaffStore.SaveAsync(tx, staffing, ct));
            return certifying;
        });
}
