using System.Diagnostics;
using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Survey.Contracts;
using Survey.Messaging;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.Intake.Responses;

// Group commit on the publish side (RabbitMQ hosts). A confirmed publish costs about the same CPU and broker work
// whether it carries one response or a hundred, and one per response was what bounded Intake. Requests hand their
// response here and wait; a loop takes whatever has gathered and publishes it as one SurveyResponseBatchSubmitted,
// with a few such publishes in flight at once: while they wait for their confirms the next requests gather, so batches
// grow with the load and a lone answer goes out at once, with no timer to wait for. Each request is answered 202 only
// after the confirm of the batch that carried it; a batch that cannot be confirmed fails every request in it (503, and
// the resident's page sends the same response id again, which the worker counts once).
// The bus (IBus is a singleton's publish endpoint) is taken as an IPublishEndpoint so that a test can stand in for RabbitMQ.
public sealed class GroupedResponsePublisher(IPublishEndpoint bus, PublishRetry retry, IOptions<IntakeOptions> options) : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(options.Value.PublishesInFlight, options.Value.PublishesInFlight);

    private sealed record Pending(SurveyResponseSubmitted Response, ActivityContext Trace, TaskCompletionSource Done);

    public async Task PublishAsync(SurveyResponseSubmitted response, CancellationToken ct)
    {
        var pending = new Pending(response, Activity.Current?.Context ?? default,
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("Intake is stopping and takes no more responses.");
        await pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var max = options.Value.PublishBatchSize;
        // Not stopped by stoppingToken: on shutdown the writer is completed and what was accepted into the queue is still
        // published (the bus stops after this service), so nobody waiting is left without an answer.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            await _slots.WaitAsync(CancellationToken.None);
            var batch = new List<Pending>();
            while (batch.Count < max && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            if (batch.Count == 0)
            {
                _slots.Release();
                continue;
            }
            _ = PublishBatchAsync(batch);
        }
        for (var i = 0; i < options.Value.PublishesInFlight; i++) await _slots.WaitAsync(CancellationToken.None);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private async Task PublishBatchAsync(List<Pending> batch)
    {
        try
        {
            // Continues a request's trace (one answer alone: one unbroken trace from the HTTP request to the database write)
            // and links the others'.
            using var activity = SurveyTelemetry.StartBatch("publish responses", batch.Select(p => p.Trace));
            var message = new SurveyResponseBatchSubmitted { Responses = batch.ConvertAll(p => p.Response) };
            await bus.PublishMandatoryAsync(message, retry.Pipeline, CancellationToken.None);
            foreach (var pending in batch) pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Done.TrySetException(e);
        }
        finally
        {
            _slots.Release();
        }
    }
}
