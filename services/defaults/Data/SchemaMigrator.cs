using System.Reflection;
using Dapper;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Support;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monitoring.ServiceDefaults.Data;

/// <summary>
/// Applies the numbered SQL scripts of the shared messaging tables and of the service itself to the
/// service's schema, before anything else starts (it runs in <see cref="IHostedLifecycleService.StartingAsync"/>).
/// A PostgreSQL advisory lock per schema lets several replicas start at once: one migrates, the others wait
/// and then find nothing left to do. A database out of reach at start is waited for (<see cref="StartupRetry"/>); the
/// scripts run a transaction each and are journaled, so a migration cut short is taken up where it stopped.
/// </summary>
public sealed class SchemaMigrator(
    NpgsqlDataSource dataSource,
    IOptions<DatabaseOptions> options,
    ServiceMigrations migrations,
    TimeProvider time,
    ILogger<SchemaMigrator> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        StartupRetry.RunAsync("Migrating the schema", options.Value.StartupPatience, time, logger, MigrateAsync, cancellationToken);

    async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var schema = options.Value.Schema;
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await lockConnection.ExecuteAsync($"SET lock_timeout = '{(int)options.Value.MigrationLockTimeout.TotalMilliseconds}ms'");
        await lockConnection.ExecuteAsync("SELECT pg_advisory_lock(hashtext('monitoring-migrate:' || @schema))", new { schema });
        try
        {
            await lockConnection.ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"");
            var result = DeployChanges.To
                .PostgresqlDatabase(DatabaseExtensions.ConnectionStringFor(options.Value), schema)
                .JournalToPostgresqlTable(schema, "schema_versions")
                .WithScriptsEmbeddedInAssembly(typeof(SchemaMigrator).Assembly, IsSqlScript, new SqlScriptOptions { RunGroupOrder = 0 })
                .WithScriptsEmbeddedInAssembly(migrations.Assembly, IsSqlScript, new SqlScriptOptions { RunGroupOrder = 1 })
                .WithTransactionPerScript()
                .LogTo(new DbUpLogger(logger))
                .Build()
                .PerformUpgrade();
            if (!result.Successful)
                throw new InvalidOperationException($"Migrating schema {schema} failed at {result.ErrorScript?.Name}", result.Error);
            logger.LogInformation("Schema {Schema} is at its latest version ({Applied} scripts applied now)", schema, result.Scripts.Count());
        }
        finally
        {
            await lockConnection.ExecuteAsync("SELECT pg_advisory_unlock(hashtext('monitoring-migrate:' || @schema))", new { schema });
            // Pooled connections keep their session settings (No Reset On Close): give this one back as it came.
            await lockConnection.ExecuteAsync("RESET lock_timeout");
        }
    }

    static bool IsSqlScript(string name) => name.EndsWith(".sql", StringComparison.Ordinal);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // DbUp writes composite format strings ({0}); turn them into one structured field.
    sealed class DbUpLogger(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);
        public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);
        public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);
        public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);
        public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);
        public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

        void Write(LogLevel level, Exception? exception, string format, object[] args) =>
            logger.Log(level, exception, "DbUp: {Message}", string.Format(CultureInfo.InvariantCulture, format, args));
    }
}

/// <summary>The assembly holding a service's own numbered migration scripts (embedded <c>Migrations/*.sql</c>).</summary>
public sealed record ServiceMigrations(Assembly Assembly);
