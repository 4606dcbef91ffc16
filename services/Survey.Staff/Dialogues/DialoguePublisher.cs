using MassTransit;
using Microsoft.Extensions.Options;
using Polly;
using Survey.Contracts;
using Survey.Messaging;

namespace Survey.Staff.Dialogues;

public sealed class DialogueOptions
{
    // Tries to hand a dialogue to the broker before the caller is told 503.
    public int PublishAttempts { get; set; } = 3;

    public TimeSpan PublishAttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    // The Retry-After of a 503, in seconds.
    public int RetryAfterSeconds { get; set; } = 10;
}

public sealed class DialogueNotPublishedException(Exception inner) : Exception("The message broker did not confirm the dialogue.", inner);

// Publishes a dialogue and returns only when it is durable (DurablePublish); after the bounded retry the caller
// answers 503 and nothing was stored.
public sealed class DialoguePublisher(IPublishEndpoint publish, DialoguePublishRetry retry)
{
    public async Task PublishAsync(DialogueRecorded dialogue, CancellationToken ct)
    {
        try
        {
            await publish.PublishMandatoryAsync(dialogue, retry.Pipeline, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new DialogueNotPublishedException(e);
        }
    }
}

// The Staff API's bounded retry for dialogues, built once.
public sealed class DialoguePublishRetry(IOptions<DialogueOptions> options)
{
    public ResiliencePipeline Pipeline { get; } = DurablePublish.Retry(options.Value.PublishAttempts, options.Value.PublishAttemptTimeout);
}
