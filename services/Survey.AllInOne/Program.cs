using Survey.AllInOne;
using Survey.Intake;
using Survey.ServiceDefaults;
using Survey.Staff;
using Survey.Tallying;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStaffApi();
builder.AddTallying();
builder.AddInProcessBus();
builder.AddResponseIntake();
builder.AddDemoSurvey();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIntake();
app.MapStaffApi();
app.Run();
