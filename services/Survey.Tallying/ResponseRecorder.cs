using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Survey.Contracts;
using Survey.ServiceDefaults.Telemetry;
using Survey.Store;

namespace Survey.Tallying;

public sealed class RecorderOptions
{
    // The most responses written in one transaction.
    public int MaxBatchSize { get; set; } = 500;

    // Transactions written at once; by default what the store is best with (IResponseStore.ConcurrentRecords).
    public int? Writers { get; set; }
}

// Group commit: concurrent consumers hand their response here and wait; a loop writes whatever has gathered in a
// single transaction and then releases them, with up to Writers transactions under way at once (on PostgreSQL the next
// is sent while the last commits). When a batch fails, each response is retried in a transaction of its own, so one
// poison message fails alone (and goes to the error queue) while the rest are counted.
public sealed class ResponseRecorder(IResponseStore store, IOptions<RecorderOptions> options, SurveyMetrics metrics, ILogger<ResponseRecorder> logger)
    : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    // Trace: the consumer's span, which the batch write continues (the loop below runs outside it).
    private sealed record Pending(SurveyResponseSubmitted Response, TaskCompletionSource<bool> Done, ActivityContext Trace);

    // Completes when the response is committed: true if it was new, false if it had been counted before.
    public async Task<bool> RecordAsync(SurveyResponseSubmitted response, CancellationToken ct)
    {
        var pending = new Pending(response, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously),
            Activity.Current?.Context ?? default);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writers = Math.Max(1, options.Value.Writers ?? store.ConcurrentRecords);
        var maxBatch = Math.Max(1, options.Value.MaxBatchSize);
        using var slots = new SemaphoreSlim(writers, writers);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                var batch = new List<Pending>(maxBatch);
                while (batch.Count < maxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
                if (batch.Count == 0)
                {
                    slots.Release();
                    continue;
                }
                _ = WriteAndReleaseAsync(batch, slots, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Anyone still waiting is told so; their messages stay unacknowledged and are redelivered. Writes under way finish first.
            _queue.Writer.TryComplete();
            for (var i = 0; i < writers; i++) await slots.WaitAsync(CancellationToken.None);
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(stoppingToken);
        }
    }

    private async Task WriteAndReleaseAsync(List<Pending> batch, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await WriteAsync(batch, ct);
        }
        catch (OperationCanceledException)
        {
            foreach (var unfinished in batch) unfinished.Done.TrySetCanceled(ct);
        }
        catch (Exception e)
        {
            // WriteAsync answers every response itself; this is for what it did not foresee: nobody is left waiting.
            logger.LogError(e, "Writing a batch of {Count} responses failed unexpectedly", batch.Count);
            foreach (var unfinished in batch) unfinished.Done.TrySetException(e);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken ct)
    {
        using var span = SurveyTelemetry.StartBatch("record responses", batch.Select(p => p.Trace));
        try
        {
            var added = (await store.RecordAsync(batch.Select(p => p.Response).ToList(), ct)).ToHashSet();
            metrics.Committed(batch.Select(p => p.Response.ReceivedAt), batch.Count, added.Count);
            foreach (var p in batch) p.Done.TrySetResult(added.Contains(p.Response.ResponseId));
            logger.LogDebug("Recorded {Count} responses, {New} new", batch.Count, added.Count);
        }
        catch (Exception e) when (StoreErrors.IsTransient(e))
        {
            // The store is down or busy: every message waits and is retried; none is to blame.
            span?.SetStatus(ActivityStatusCode.Error, "store unavailable");
            logger.LogWarning(e, "The store is unavailable; {Count} responses will be retried", batch.Count);
            foreach (var p in batch) p.Done.TrySetException(e);
        }
        catch (Exception e) when (e is not OperationCanceledException && batch.Count > 1)
        {
            logger.LogWarning(e, "A batch of {Count} responses failed; recording them one by one", batch.Count);
            foreach (var p in batch) await WriteAsync([p], ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not record response {ResponseId} for {Survey}", batch[0].Response.ResponseId, batch[0].Response.SurveySlug);
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            batch[0].Done.TrySetException(e);
        }
    }
}
