using Monitoring.Notice;
using Monitoring.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotice();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNoticeEndpoints();
app.Run();
