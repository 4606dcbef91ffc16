using System.Net;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Survey.UnitTests.Intake;

public class BrokerUnavailableTests
{
    /// <summary>A publish endpoint whose every publish fails, as one does while the broker is unreachable.</summary>
    private sealed class UnreachableBroker : IPublishEndpoint
    {
        public int Attempts;

        public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => throw new NotSupportedException();
        public Task Publish<T>(T message, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish<T>(T message, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish<T>(T message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish(object message, CancellationToken cancellationToken = default) => Fail();
        public Task Publish(object message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) => Fail();
        public Task Publish(object message, Type messageType, CancellationToken cancellationToken = default) => Fail();
        public Task Publish(object message, Type messageType, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) => Fail();
        public Task Publish<T>(object values, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish<T>(object values, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish<T>(object values, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class => Fail();

        private Task Fail()
        {
            Interlocked.Increment(ref Attempts);
            return Task.FromException(new RabbitMqConnectionException("Connect failed: guest@127.0.0.1:5672/"));
        }
    }

    [Fact]
    public async Task Intake_retries_a_bounded_number_of_times_then_answers_503_with_retry_after_and_counts_nothing()
    {
        var broker = new UnreachableBroker();
        using var factory = new EmbeddedHostFactory
        {
            ConfigureTestServices = s => s.Replace(ServiceDescriptor.Scoped<IPublishEndpoint>(_ => broker)),
        };
        var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/public/surveys/demo/responses",
            new StringContent("""{"concerns":["narkotika"]}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().BePositive();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        broker.Attempts.Should().Be(3, "the default policy is three attempts in all");
        var ranking = await client.GetStringAsync("/api/v1/staff/surveys/demo/ranking");
        ranking.Should().Contain("\"respondents\":0");
    }
}
