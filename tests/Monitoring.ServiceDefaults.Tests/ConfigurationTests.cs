using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitoring.ServiceDefaults.Configuration;
using Monitoring.ServiceDefaults.Data;
using Monitoring.ServiceDefaults.Messaging;
using Xunit;

namespace Monitoring.ServiceDefaults.Tests;

// Both tests set process-wide environment variables, so they run one after the other.
[Collection(nameof(ConfigurationTests))]
public sealed class ConfigurationTests : IDisposable
{
    readonly string settingsFile = Path.Combine(Path.GetTempPath(), $"settings-{Guid.NewGuid():N}.json");

    [Fact]
    public void Environment_variables_override_the_local_infrastructure_file_and_the_file_fills_the_rest()
    {
        File.WriteAllText(settingsFile, """{"RabbitMq":{"Host":"from-file","Port":5999},"Database":{"ConnectionString":"Host=file"}}""");
        Environment.SetEnvironmentVariable(LocalInfrastructure.SettingsPathVariable, settingsFile);
        Environment.SetEnvironmentVariable("RabbitMq__Host", "from-environment");
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.AddServiceDefaults();

            Assert.Equal("from-environment", builder.Configuration["RabbitMq:Host"]);
            Assert.Equal("5999", builder.Configuration["RabbitMq:Port"]);
            Assert.Equal("Host=file", builder.Configuration["Database:ConnectionString"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RabbitMq__Host", null);
            Environment.SetEnvironmentVariable(LocalInfrastructure.SettingsPathVariable, null);
        }
    }

    [Fact]
    public void A_service_without_a_broker_host_or_connection_string_refuses_to_start()
    {
        Environment.SetEnvironmentVariable(LocalInfrastructure.SettingsPathVariable, "/nonexistent");
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RabbitMq:Host"] = "", ["Database:ConnectionString"] = "" });
            builder.AddServiceDefaults();
            builder.AddDatabase("probe", typeof(ConfigurationTests).Assembly);
            builder.AddMessageBus("probe");
            using var app = builder.Build();

            var database = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
            Assert.Contains("ConnectionString", database.Message, StringComparison.Ordinal);
            var broker = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value);
            Assert.Contains("Host", broker.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LocalInfrastructure.SettingsPathVariable, null);
        }
    }

    public void Dispose() => File.Delete(settingsFile);
}
