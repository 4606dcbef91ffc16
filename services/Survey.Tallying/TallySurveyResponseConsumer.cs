using MassTransit;
using Microsoft.Extensions.Logging;
using Survey.Contracts;
using Survey.Store;

namespace Survey.Tallying;

// Stores a response once and adds it to the tallies; a redelivered message changes nothing. Intake publishes responses
// in batches (SurveyResponseBatchSubmitted) and may publish one alone; both arrive on the same queue. A batch is
// acknowledged when every response in it is committed; if one of them cannot be stored the batch is retried and then goes
// to the error queue whole, and the ones already committed are not counted again when it is replayed.
public sealed class TallySurveyResponseConsumer(ResponseRecorder recorder, ILogger<TallySurveyResponseConsumer> logger)
    : IConsumer<SurveyResponseSubmitted>, IConsumer<SurveyResponseBatchSubmitted>
{
    public async Task Consume(ConsumeContext<SurveyResponseSubmitted> context)
    {
        var response = context.Message;
        if (!await recorder.RecordAsync(response, context.CancellationToken))
            logger.LogInformation("Response {ResponseId} for {Survey} was counted before; not counted again",
                response.ResponseId, response.SurveySlug);
    }

    public async Task Consume(ConsumeContext<SurveyResponseBatchSubmitted> context)
    {
        var responses = context.Message.Responses;
        var isNew = await Task.WhenAll(responses.Select(r => recorder.RecordAsync(r, context.CancellationToken)));
        if (isNew.Contains(false))
            logger.LogInformation("{Repeated} of {Count} responses in a batch were counted before; not counted again",
                isNew.Count(n => !n), responses.Count);
    }
}

public sealed class TallySurveyResponseConsumerDefinition : ConsumerDefinition<TallySurveyResponseConsumer>
{
    // Messages in flight per worker instance: enough for the recorder to fill its transactions when Intake publishes
    // responses one by one; a batch message carries up to Intake:PublishBatchSize responses.
    public const int ConcurrentMessages = 48;

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
