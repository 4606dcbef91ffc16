using Microsoft.Extensions.DependencyInjection;

namespace Survey.Staff.Dialogues;

public static class DialoguesModule
{
    // Needs an IPublishEndpoint: the Staff API's RabbitMQ bus, or the embedded host's mediator.
    public static IServiceCollection AddDialogues(this IServiceCollection services)
    {
        services.AddOptions<DialogueOptions>().BindConfiguration("Dialogues");
        services.AddSingleton<DialoguePublishRetry>();
        services.AddScoped<DialoguePublisher>();
        services.AddScoped<DialogueRecording>();
        services.AddScoped<DialogueFigures>();
        return services;
    }
}
