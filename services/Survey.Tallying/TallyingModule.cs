using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.Tallying;

public static class TallyingModule
{
    // The recorder that the tally consumer writes through. Call AddTallyConsumer inside AddMassTransit/AddMediator.
    public static IHostApplicationBuilder AddTallying(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecorderOptions>().BindConfiguration("Recorder");
        builder.Services.TryAddSingleton<SurveyMetrics>();
        builder.Services.AddSingleton<ResponseRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ResponseRecorder>());
        return builder;
    }

    public static void AddTallyConsumer(this IRegistrationConfigurator x) =>
        x.AddConsumer<TallySurveyResponseConsumer, TallySurveyResponseConsumerDefinition>();

    // Dialogues (DialogueRecorded): the latest version of each is kept. Inside AddMassTransit/AddMediator too.
    public static void AddDialogueConsumer(this IRegistrationConfigurator x) =>
        x.AddConsumer<TallyDialogueConsumer, TallyDialogueConsumerDefinition>();
}
