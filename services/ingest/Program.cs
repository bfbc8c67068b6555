using Monitoring.Ingest;
using Monitoring.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngest();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngestEndpoints();
app.Run();
