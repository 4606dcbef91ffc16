using Survey.ServiceDefaults;
using Survey.Staff.Access;
using Survey.Staff;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStaffApi();
builder.AddInternalApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStaffApi();
app.MapInternalApi();
app.Run();
