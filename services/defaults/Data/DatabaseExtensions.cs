using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Configuration;
using Npgsql;
using Monitoring.ServiceDefaults;

namespace Monitoring.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the <see cref="NpgsqlDataSource"/> of the service's own schema (its search path), the
    /// migrator that brings that schema up to date on start, and the database readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder, string defaultSchema, System.Reflection.Assembly migrations)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .PostConfigure(o => o.Schema = string.IsNullOrEmpty(o.Schema) ? defaultSchema : o.Schema)
            .ValidateAnnotations()
            .ValidateOnStart();

        UtcDateTimeOffsetHandler.Register();
        builder.Services.AddSingleton(new ServiceMigrations(migrations));
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataSource = new NpgsqlDataSourceBuilder(ConnectionStringFor(options))
            {
                // The pool's name in Npgsql's meters (db_client_connection_pool_name): the schema, not the whole connection string.
                Name = options.Schema,
            };
            dataSource.UseLoggerFactory(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            return dataSource.Build();
        });
        builder.Services.AddHostedService<SchemaMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>
    /// The configured connection string with the service's schema first on the search path, and, unless the
    /// configuration says otherwise, what a service of many small transactions wants of its pool: no
    /// <c>DISCARD ALL</c> each time a connection goes back (the services keep no session state: schema and search
    /// path are in the connection string, locks are transaction-scoped), and statements prepared automatically once
    /// used twice, so PostgreSQL parses and plans each of the services' few dozen statements once a connection.
    /// </summary>
    public static string ConnectionStringFor(DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            SearchPath = options.Schema,
            ApplicationName = options.Schema,
        };
        var given = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!given.ContainsKey("No Reset On Close"))
            builder.NoResetOnClose = true;
        if (!given.ContainsKey("Max Auto Prepare"))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }
}
