using MassTransit;

namespace Survey.UnitTests.Hosts;

// A stand-in for the broker's publish endpoint: every overload of Publish comes to Handle with the message.
internal abstract class PublishEndpointStub : IPublishEndpoint
{
    protected abstract Task Handle(object message);

    public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => throw new NotSupportedException();
    public Task Publish<T>(T message, CancellationToken cancellationToken = default) where T : class => Handle(message);
    public Task Publish<T>(T message, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class => Handle(message);
    public Task Publish<T>(T message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class => Handle(message);
    public Task Publish(object message, CancellationToken cancellationToken = default) => Handle(message);
    public Task Publish(object message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) => Handle(message);
    public Task Publish(object message, Type messageType, CancellationToken cancellationToken = default) => Handle(message);
    public Task Publish(object message, Type messageType, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) => Handle(message);
    public Task Publish<T>(object values, CancellationToken cancellationToken = default) where T : class => Handle(values);
    public Task Publish<T>(object values, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class => Handle(values);
    public Task Publish<T>(object values, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class => Handle(values);
}
