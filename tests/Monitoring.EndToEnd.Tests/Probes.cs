using Monitoring.Testing;

namespace Monitoring.EndToEnd.Tests;

/// <summary>What the tests look at from outside the services: their metrics.</summary>
static class Probes
{
    public static Task<double> MetricAsync(this ServiceProcess service, string name, string labels) =>
        service.Http.MetricAsync(name, labels);
}
