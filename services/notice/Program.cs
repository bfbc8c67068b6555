using Monitoring.Notice;
using Monitoring.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotice();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNoticeEndpoints();
app.Run();

/// <summary>Visible to the in-process tests (WebApplicationFactory).</summary>
public partial class Program;
