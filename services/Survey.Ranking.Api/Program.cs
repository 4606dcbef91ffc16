using Survey.Ranking;
using Survey.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStaffApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStaffApi();
app.Run();
