using Microsoft.Extensions.Logging.Console;
using Monitoring.Ingest;
using Monitoring.Ingest.Keys;
using Monitoring.ServiceDefaults;

var command = KeyCommand.Matches(args);
var builder = WebApplication.CreateBuilder(command ? [] : args);
builder.AddServiceDefaults();
builder.AddIngest();
if (command)
    builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // stdout carries the key

var app = builder.Build();
if (command)
    return await KeyCommand.RunAsync(app, args);

app.MapDefaultEndpoints();
app.MapIngestEndpoints();
await app.RunAsync();
return 0;

/// <summary>Visible to the in-process tests (WebApplicationFactory).</summary>
public partial class Program;
