using MassTransit;

namespace Survey.UnitTests.Hosts;

// A publish endpoint whose every publish fails, as one does while the broker is unreachable.
internal sealed class UnreachableBroker : PublishEndpointStub
{
    public int Attempts;

    protected override Task Handle(object message)
    {
        Interlocked.Increment(ref Attempts);
        return Task.FromException(new RabbitMqConnectionException("Connect failed: guest@127.0.0.1:5672/"));
    }
}
