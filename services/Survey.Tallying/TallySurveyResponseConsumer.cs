using MassTransit;
using Microsoft.Extensions.Logging;
using Survey.Contracts;
using Survey.Store;

namespace Survey.Tallying;

// Stores a response once and adds it to the tallies; a redelivered message changes nothing.
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
    // Messages in flight per worker instance: enough for the recorder to fill batches.
    public const int ConcurrentMessages = 256;

    public TallySurveyResponseConsumerDefinition()
    {
        EndpointName = "tally-survey-response";
        ConcurrentMessageLimit = ConcurrentMessages;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TallySurveyResponseConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseStoreRetry();
        endpointConfigurator.PrefetchCount = ConcurrentMessages * 2;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQuorumQueue();
    }
}
