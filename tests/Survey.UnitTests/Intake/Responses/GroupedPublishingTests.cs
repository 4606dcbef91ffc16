using MassTransit;
using Microsoft.Extensions.Options;
using Survey.Contracts;
using Survey.Intake;
using Survey.Intake.Responses;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Responses;

// Group commit on the publish side: responses that arrive together go out in one confirmed publish, and each caller (each
// resident's request) is answered only once the publish that carried its response is confirmed.
public class GroupedPublishingTests
{
    [Fact]
    public async Task Responses_arriving_together_go_out_in_fewer_publishes_each_exactly_once_and_none_is_answered_before_its_confirm()
    {
        var broker = new GatedBroker();
        await using var publisher = await StartAsync(broker, batchSize: 100, inFlight: 2);
        var responses = Enumerable.Range(0, 60).Select(_ => Response()).ToList();

        var calls = responses.Select(r => publisher.Value.PublishAsync(r, CancellationToken.None)).ToList();
        await broker.WaitForPublishesAsync(1);
        await Task.Delay(50);
        calls.Should().OnlyContain(c => !c.IsCompleted, "no publish has been confirmed yet");

        broker.Confirm();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        var published = broker.Batches.SelectMany(b => b.Responses).Select(r => r.ResponseId).ToList();
        published.Should().BeEquivalentTo(responses.Select(r => r.ResponseId), "each response is published exactly once");
        broker.Batches.Count.Should().BeLessThan(10, "60 responses waiting together are not published one by one");
    }

    [Fact]
    public async Task A_batch_carries_at_most_the_configured_number_of_responses()
    {
        var broker = new GatedBroker();
        await using var publisher = await StartAsync(broker, batchSize: 10, inFlight: 1);

        var calls = Enumerable.Range(0, 35).Select(_ => publisher.Value.PublishAsync(Response(), CancellationToken.None)).ToList();
        await broker.WaitForPublishesAsync(1);
        broker.Confirm();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        broker.Batches.Should().OnlyContain(b => b.Responses.Count <= 10);
        broker.Batches.Sum(b => b.Responses.Count).Should().Be(35);
    }

    [Fact]
    public async Task When_the_broker_does_not_confirm_every_response_in_the_batch_fails_after_the_bounded_retry()
    {
        var broker = new UnreachableBroker();
        await using var publisher = await StartAsync(broker, batchSize: 100, inFlight: 1, attempts: 2);

        var calls = Enumerable.Range(0, 5).Select(_ => publisher.Value.PublishAsync(Response(), CancellationToken.None)).ToList();

        foreach (var call in calls)
            await call.Invoking(c => c.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<RabbitMqConnectionException>();
        broker.Attempts.Should().BeGreaterThanOrEqualTo(2).And.BeLessThanOrEqualTo(2 * 5, "each batch is tried the bounded number of times");
    }

    [Fact]
    public async Task On_shutdown_what_was_accepted_into_the_queue_is_still_published_and_nothing_new_is_taken()
    {
        var broker = new GatedBroker();
        var publisher = await StartAsync(broker, batchSize: 5, inFlight: 1);
        var calls = Enumerable.Range(0, 12).Select(_ => publisher.Value.PublishAsync(Response(), CancellationToken.None)).ToList();
        await broker.WaitForPublishesAsync(1);

        var stopping = publisher.Value.StopAsync(CancellationToken.None);
        await publisher.Value.Invoking(p => p.PublishAsync(Response(), CancellationToken.None)).Should().ThrowAsync<InvalidOperationException>();
        broker.Confirm();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(1));
        broker.Batches.Sum(b => b.Responses.Count).Should().Be(12);
    }

    private static SurveyResponseSubmitted Response() => new()
    {
        ResponseId = Guid.NewGuid(),
        SurveySlug = "demo",
        MunicipalityCode = "2514",
        ReceivedAt = DateTimeOffset.UtcNow,
        Concerns = ["narkotika"],
    };

    private static async Task<Running> StartAsync(IPublishEndpoint broker, int batchSize, int inFlight, int attempts = 3)
    {
        var options = Options.Create(new IntakeOptions
        {
            PublishBatchSize = batchSize,
            PublishesInFlight = inFlight,
            PublishAttempts = attempts,
            PublishAttemptTimeout = TimeSpan.FromSeconds(5),
        });
        var publisher = new GroupedResponsePublisher(broker, new PublishRetry(options), options);
        await publisher.StartAsync(CancellationToken.None);
        return new Running(publisher);
    }

    private sealed record Running(GroupedResponsePublisher Value) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Value.StopAsync(CancellationToken.None);
            Value.Dispose();
        }
    }

    // A broker whose confirms are held back until the test lets them through.
    private sealed class GatedBroker : PublishEndpointStub
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _publishes;

        public System.Collections.Concurrent.ConcurrentQueue<SurveyResponseBatchSubmitted> Batches { get; } = new();

        public void Confirm() => _gate.TrySetResult();

        public async Task WaitForPublishesAsync(int count)
        {
            while (Volatile.Read(ref _publishes) < count) await Task.Delay(5);
        }

        protected override async Task Handle(object message)
        {
            Interlocked.Increment(ref _publishes);
            await _gate.Task;
            Batches.Enqueue((SurveyResponseBatchSubmitted)message);
        }
    }
}
