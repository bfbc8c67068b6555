using Monitoring.Scoring;
using Monitoring.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddScoring();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapScoringEndpoints();
app.Run();

/// <summary>Visible to the in-process tests (WebApplicationFactory).</summary>
public partial class Program;
