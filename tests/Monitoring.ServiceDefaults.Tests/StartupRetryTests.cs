using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.ServiceDefaults.Data;
using Npgsql;
using Xunit;

namespace Monitoring.ServiceDefaults.Tests;

public sealed class StartupRetryTests
{
    static NpgsqlException Refused() => new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    [Fact]
    public async Task A_database_out_of_reach_is_waited_for_until_it_answers()
    {
        var attempts = 0;
        await StartupRetry.RunAsync("Test", TimeSpan.FromMinutes(1), TimeProvider.System, NullLogger.Instance, _ =>
        {
            if (++attempts < 3)
                throw Refused();
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_failure_that_is_not_the_database_being_away_is_thrown_at_once()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => StartupRetry.RunAsync("Test", TimeSpan.FromMinutes(1), TimeProvider.System,
            NullLogger.Instance, _ =>
            {
                attempts++;
                throw new InvalidOperationException("script 0007 failed");
            }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_database_away_for_longer_than_the_patience_fails_the_start_with_its_error()
    {
        var attempts = 0;
        var thrown = await Assert.ThrowsAsync<NpgsqlException>(() => StartupRetry.RunAsync("Test", TimeSpan.FromSeconds(1), TimeProvider.System,
            NullLogger.Instance, _ =>
            {
                attempts++;
                throw Refused();
            }, CancellationToken.None));

        Assert.IsType<SocketException>(thrown.InnerException);
        Assert.InRange(attempts, 2, 4); // 0.25 s, then 0.5 s: the next wait would pass the second of patience
    }

    [Fact]
    public async Task The_migrator_waits_for_a_database_that_is_not_there_yet_and_names_it_when_it_gives_up()
    {
        using var unused = new TcpListener(System.Net.IPAddress.Loopback, 0);
        unused.Start();
        var port = ((System.Net.IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop(); // nothing listens there now: every connection is refused
        var options = new DatabaseOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=x;Password=x;Database=x", Schema = "absent",
            StartupPatience = TimeSpan.FromSeconds(1),
        };
        await using var dataSource = NpgsqlDataSource.Create(DatabaseExtensions.ConnectionStringFor(options));
        var log = new CollectingLogger();
        var migrator = new SchemaMigrator(dataSource, Microsoft.Extensions.Options.Options.Create(options),
            new ServiceMigrations(typeof(StartupRetryTests).Assembly), TimeProvider.System, log);

        var thrown = await Assert.ThrowsAsync<NpgsqlException>(() => migrator.StartingAsync(CancellationToken.None));

        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), thrown.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.StartsWith("Migrating the schema: the database is unavailable", StringComparison.Ordinal));
    }

    sealed class CollectingLogger : Microsoft.Extensions.Logging.ILogger<SchemaMigrator>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
                Lines.Add(formatter(state, exception));
        }
    }
}
