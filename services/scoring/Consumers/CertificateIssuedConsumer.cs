using MassTransit;
using Monitoring.Contracts;
using Monitoring.Scoring.Certificates;
using Monitoring.ServiceDefaults.Messaging;

namespace Monitoring.Scoring.Consumers;

/// <summary>A certificate issued: kept by hashed candidate, to find one person certified in several plans.</summary>
public sealed class CertificateIssuedConsumer(ConsumeTransaction transaction, DuplicateCertificates certificates) : IConsumer<CertificateIssued>
{
    public Task Consume(ConsumeContext<CertificateIssued> context) =>
        certificates.RecordAsync(transaction.Current, [context.Message], context.CancellationToken);
}
