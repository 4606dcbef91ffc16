using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Survey.Contracts;
using Survey.Domain.Tallying;
using Survey.ServiceDefaults.Telemetry;
using Survey.Store;
using Survey.Tallying;

namespace Survey.UnitTests.Tallying;

// The worker's group commit with two transactions under way at once (as on PostgreSQL): the next batch is written while
// the last commits, never more than the store takes at once, and each response is released by its own batch's commit.
public class ResponseRecorderTests
{
    [Fact]
    public async Task Two_batches_are_written_at_once_and_each_response_waits_for_its_own_batchs_commit()
    {
        var store = new HeldStore(concurrentRecords: 2);
        var recorder = new ResponseRecorder(store, Options.Create(new RecorderOptions()),
            new SurveyMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<ResponseRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);

        var posted = new Dictionary<Guid, Task<bool>>();
        Task<bool> Post()
        {
            var response = Response();
            return posted[response.ResponseId] = recorder.RecordAsync(response, CancellationToken.None);
        }
        Task<bool>[] Of(int batch) => store.Batches[batch].Select(r => posted[r.ResponseId]).ToArray();

        var first = Post();
        await store.WaitForWritesAsync(1);
        for (var i = 0; i < 3; i++) _ = Post();
        await store.WaitForWritesAsync(2);
        for (var i = 0; i < 2; i++) _ = Post();
        await Task.Delay(200);
        store.Batches.Should().HaveCount(2, "the store takes two transactions at once; the rest wait for one to commit");
        store.Batches[0].Should().ContainSingle();

        store.Commit(1);
        (await Task.WhenAll(Of(1))).Should().AllSatisfy(isNew => isNew.Should().BeTrue());
        first.IsCompleted.Should().BeFalse("its own batch has not committed");
        await store.WaitForWritesAsync(3);
        store.Batches[2].Should().HaveCount(5 - store.Batches[1].Count, "all that waited go together once a transaction is free");
        Of(2).Should().AllSatisfy(t => t.IsCompleted.Should().BeFalse());

        store.Commit(0);
        (await first).Should().BeTrue();
        store.Commit(2);
        (await Task.WhenAll(posted.Values)).Should().AllSatisfy(isNew => isNew.Should().BeTrue());
        await recorder.StopAsync(CancellationToken.None);
    }

    private static SurveyResponseSubmitted Response() => new()
    {
        ResponseId = Guid.NewGuid(),
        SurveySlug = "demo",
        MunicipalityCode = "2514",
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    // A store whose transactions commit only when the test says so.
    private sealed class HeldStore(int concurrentRecords) : IResponseStore
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _commits = new();
        public List<IReadOnlyList<SurveyResponseSubmitted>> Batches { get; } = [];
        public int ConcurrentRecords => concurrentRecords;

        public async Task<IReadOnlyList<Guid>> RecordAsync(IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct)
        {
            int index;
            lock (Batches)
            {
                index = Batches.Count;
                Batches.Add(responses);
            }
            await Gate(index).Task.WaitAsync(ct);
            return responses.Select(r => r.ResponseId).ToList();
        }

        public void Commit(int batch) => Gate(batch).TrySetResult();

        public async Task WaitForWritesAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Started < count)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, $"{count} transactions should have started");
                await Task.Delay(10);
            }
        }

        private int Started
        {
            get { lock (Batches) return Batches.Count; }
        }

        private TaskCompletionSource Gate(int batch) =>
            _commits.GetOrAdd(batch, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task<bool> HasResponsesAsync(string surveySlug, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<string>> ReadFreeTextsAsync(string surveySlug, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<DayCount>> ReadResponsesPerDayAsync(string surveySlug, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyDictionary<string, IReadOnlyList<TallyRow>>> ReadTalliesAsync(
            string surveySlug, IReadOnlyCollection<string> dimensions, CancellationToken ct) => throw new NotSupportedException();
    }
}
