using Survey.Intake;
using Survey.Messaging;
using Survey.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// Intake must start, and answer 503, while the broker is down: do not wait for the bus.
builder.AddRabbitMqBus(waitUntilStarted: false);
builder.AddResponseIntake();
builder.AddGroupedPublishing();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIntake();
app.Run();
