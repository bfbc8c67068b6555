using Dapper;
using Monitoring.Testing;

namespace Monitoring.EndToEnd.Tests;

/// <summary>What the tests look at from outside the services: their tables and their metrics.</summary>
static class Probes
{
    public static async Task<long> CountAsync(this TestEnvironment environment, string sql, object? parameters = null)
    {
        await using var connection = environment.OpenConnection();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public static Task<double> MetricAsync(this ServiceProcess service, string name, string labels) =>
        service.Http.MetricAsync(name, labels);
}
