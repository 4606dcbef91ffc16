using MassTransit;
using Microsoft.Extensions.Logging;
using Survey.Contracts;

namespace Survey.Tallying;

/// <summary>Stores a response once and adds it to the tallies; a redelivered message changes nothing.</summary>
public sealed class TallySurveyResponseConsumer(ResponseRecorder recorder, ILogger<TallySurveyResponseConsumer> logger)
    : IConsumer<SurveyResponseSubmitted>
{
    public async Task Consume(ConsumeContext<SurveyResponseSubmitted> context)
    {
        var response = context.Message;
        var isNew = await recorder.RecordAsync(response, context.CancellationToken);
        if (!isNew)
            logger.LogInformation("Response {ResponseId} for {Survey} was counted before; not counted again",
                response.ResponseId, response.SurveySlug);
    }
}

public sealed class TallySurveyResponseConsumerDefinition : ConsumerDefinition<TallySurveyResponseConsumer>
{
    /// <summary>Messages in flight per worker instance: enough for the recorder to fill batches.</summary>
    public const int ConcurrentMessages = 256;

    public TallySurveyResponseConsumerDefinition()
    {
        EndpointName = "tally-survey-response";
        ConcurrentMessageLimit = ConcurrentMessages;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TallySurveyResponseConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // A store hiccup (restart, deadlock) is retried; what still fails goes to the _error queue.
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 2000, 5000));
        endpointConfigurator.PrefetchCount = ConcurrentMessages * 2;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQuorumQueue();
    }
}
