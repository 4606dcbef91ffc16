using Survey.Messaging;
using Survey.ServiceDefaults;
using Survey.Staff.Access;
using Survey.Staff;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// Publishes recorded dialogues. Like Intake, it starts and answers 503 while the broker is down: do not wait for the bus.
builder.AddRabbitMqBus(waitUntilStarted: false);
builder.AddStaffApi();
builder.AddInternalApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStaffApi();
app.MapInternalApi();
app.Run();
