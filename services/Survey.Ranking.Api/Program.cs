using Survey.Ranking;
using Survey.Ranking.Access;
using Survey.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStaffApi();
builder.AddInternalApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStaffApi();
app.MapInternalApi();
app.Run();
