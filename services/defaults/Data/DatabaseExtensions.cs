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
            var dataSource = new NpgsqlDataSourceBuilder(ConnectionStringFor(options));
            dataSource.UseLoggerFactory(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            return dataSource.Build();
        });
        builder.Services.AddHostedService<SchemaMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>The configured connection string with the service's schema first on the search path.</summary>
    public static string ConnectionStringFor(DatabaseOptions options) =>
        new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            SearchPath = options.Schema,
            ApplicationName = options.Schema,
        }.ConnectionString;
}
