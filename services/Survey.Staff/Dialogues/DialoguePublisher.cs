using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Survey.Contracts;

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

// Publishes a dialogue and returns only when it is durable: confirmed by RabbitMQ (publisher confirms), or in the
// embedded host committed by the in-process consumer. A short, bounded retry rides out a broker blip; after that the
// caller answers 503 and nothing was stored.
public sealed class DialoguePublisher(IPublishEndpoint publish, IOptions<DialogueOptions> options, ILogger<DialoguePublisher> logger)
{
    public async Task PublishAsync(DialogueRecorded dialogue, CancellationToken ct)
    {
        var attempts = Math.Max(1, options.Value.PublishAttempts);
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.PublishAttemptTimeout);
            try
            {
                await publish.Publish(dialogue, MarkMandatory, timeout.Token);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (attempt >= attempts) throw new DialogueNotPublishedException(e);
                logger.LogWarning(e, "Publishing dialogue {DialogueId} failed (attempt {Attempt} of {Attempts})", dialogue.DialogueId, attempt, attempts);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
        }
    }

    // Mandatory: with no queue bound (the worker never started), RabbitMQ returns the message and the publish fails
    // instead of confirming and dropping it.
    private static void MarkMandatory(PublishContext<DialogueRecorded> context)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            rabbit.Mandatory = true;
    }
}
