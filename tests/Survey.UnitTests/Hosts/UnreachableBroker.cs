using MassTransit;

namespace Survey.UnitTests.Hosts;

// A publish endpoint whose every publish fails, as one does while the broker is unreachable.
internal sealed class UnreachableBroker : IPublishEndpoint
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
