using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Certificates;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>A certificate issued: kept by hashed candidate, to find one person certified in several plans, or someone who served the org's plans.</summary>
public sealed class CertificateIssuedConsumer(ConsumeTransaction transaction, DuplicateCertificates certificates, FactRecorder facts)
    : IConsumer<CertificateIssued>
{
    public async Task Consume(ConsumeContext<CertificateIssued> context) =>
        await facts.RescoreAsync(transaction.Current, await certificates.RecordAsync(transaction.Current, [context.Message], context.CancellationToken),
            context.CancellationToken);
}
