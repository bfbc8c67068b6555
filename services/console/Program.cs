using Monitoring.Console;
using Monitoring.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCentersConsole();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCentersConsole();
app.Run();
