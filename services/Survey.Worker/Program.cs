using Survey.Messaging;
using Survey.ServiceDefaults;
using Survey.Store;
using Survey.Tallying;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSurveyStore();
builder.AddTallying();
builder.AddRabbitMqBus(bus =>
{
    bus.AddTallyConsumer();
    bus.AddDialogueConsumer();
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
