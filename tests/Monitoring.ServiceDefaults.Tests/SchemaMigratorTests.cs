using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Data;
using Monitoring.Testing;
using Npgsql;
using Xunit;

namespace Monitoring.ServiceDefaults.Tests;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task Replicas_starting_at_once_apply_each_script_exactly_once()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var options = new DatabaseOptions { ConnectionString = environment.ConnectionString, Schema = "replicas" };
        await using var dataSource = NpgsqlDataSource.Create(DatabaseExtensions.ConnectionStringFor(options));

        var replicas = Enumerable.Range(0, 4).Select(_ => new SchemaMigrator(dataSource, Options.Create(options),
            new ServiceMigrations(typeof(SchemaMigratorTests).Assembly), TimeProvider.System, NullLogger<SchemaMigrator>.Instance));
        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.StartingAsync(CancellationToken.None))));

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM replicas.migration_runs"));
        var journal = (await connection.QueryAsync<string>("SELECT scriptname FROM replicas.schema_versions")).ToList();
        Assert.Equal(journal.Count, journal.Distinct().Count());
        Assert.Contains(journal, s => s.EndsWith("0001_inbox_outbox.sql", StringComparison.Ordinal));
        Assert.Contains(journal, s => s.EndsWith("0001_migration_runs.sql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_finds_nothing_left_to_apply()
    {
        await using var environment = await TestEnvironment.CreateAsync();
        var options = new DatabaseOptions { ConnectionString = environment.ConnectionString, Schema = "restarted" };
        await using var dataSource = NpgsqlDataSource.Create(DatabaseExtensions.ConnectionStringFor(options));
        SchemaMigrator Replica() => new(dataSource, Options.Create(options),
            new ServiceMigrations(typeof(SchemaMigratorTests).Assembly), TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

        await Replica().StartingAsync(CancellationToken.None);
        await Replica().StartingAsync(CancellationToken.None);

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM restarted.migration_runs"));
    }
}
