using MassTransit;
using Microsoft.Extensions.Logging;
using Survey.Contracts;
using Survey.Store;

namespace Survey.Tallying;

// Keeps the latest version of each dialogue. The dialogue figures are summed from the stored versions
// when read, so a correction replaces the earlier version's part, and a redelivered or older message changes nothing.
public sealed class TallyDialogueConsumer(IDialogueStore store, ILogger<TallyDialogueConsumer> logger) : IConsumer<DialogueRecorded>
{
    public async Task Consume(ConsumeContext<DialogueRecorded> context)
    {
        var dialogue = context.Message;
        if (!await store.RecordAsync(dialogue, context.CancellationToken))
            logger.LogInformation("Dialogue {DialogueId} for {Survey} recorded at {RecordedAt} is not newer than the stored version; nothing changed",
                dialogue.DialogueId, dialogue.SurveySlug, dialogue.RecordedAt);
    }
}

public sealed class TallyDialogueConsumerDefinition : ConsumerDefinition<TallyDialogueConsumer>
{
    public TallyDialogueConsumerDefinition()
    {
        EndpointName = "tally-dialogue";
        // Dialogues come a few a day; a handful at once is plenty.
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TallyDialogueConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // The same policy as responses.
        endpointConfigurator.UseStoreRetry();
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQuorumQueue();
    }
}
