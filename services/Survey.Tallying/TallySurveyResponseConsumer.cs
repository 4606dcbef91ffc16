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
        // A store that is restarting or unreachable is waited out for minutes: the response stays
        // unacknowledged in the queue meanwhile, and is counted when the store is back.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Exponential(40, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(500));
            r.Handle<Exception>(StoreErrors.IsTransient);
        });
        // Anything else (a message no store will take) is tried a few times, then goes to the _error queue.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Intervals(100, 500, 2000);
            r.Ignore<Exception>(StoreErrors.IsTransient);
        });
        endpointConfigurator.PrefetchCount = ConcurrentMessages * 2;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQuorumQueue();
    }
}
