using Monitoring.Alerts;
using Monitoring.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAlerts();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAlertsEndpoints();
app.Run();

/// <summary>Visible to the in-process tests (WebApplicationFactory).</summary>
public partial class Program;
