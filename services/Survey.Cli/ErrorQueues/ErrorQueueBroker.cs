using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Survey.Cli.ErrorQueues;

// A sentence for the operator: the broker or a queue is not there, or refused something. No stack trace.
public sealed class ErrorQueueException(string message) : Exception(message);

public abstract record ReplayOutcome(ErrorMessage Message);

public sealed record Replayed(ErrorMessage Message, string To) : ReplayOutcome(Message);

public sealed record NotReplayed(ErrorMessage Message, string Why) : ReplayOutcome(Message);

// The error queues of one virtual host, read with basic.get and never auto-acknowledged: listing takes each message once
// (an unacknowledged message is not delivered again to the channel holding it) and then closes the channel, which puts
// every message back where it was; replay acknowledges a message only after the broker confirmed its copy.
public sealed class ErrorQueueBroker : IAsyncDisposable
{
    // The error queues of this system's consumer endpoints (MassTransit's <endpoint>_error). AMQP cannot list the queues
    // of a virtual host (only the management plugin can, and it is not always enabled), so "all" means these;
    // --queue names any other. ErrorQueueBrokerTests checks the list against the worker's consumer definitions.
    public static readonly IReadOnlyList<string> KnownErrorQueues = ["tally-survey-response_error", "tally-dialogue_error"];

    private readonly IConnection _connection;

    private ErrorQueueBroker(IConnection connection, string address)
    {
        _connection = connection;
        Address = address;
    }

    // host:port and virtual host, never the password.
    public string Address { get; }

    public static async Task<ErrorQueueBroker> ConnectAsync(Uri broker, string clientName, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = broker,
            ClientProvidedName = clientName,
            // A tool run once: fail at once and say so, rather than reconnect in the background.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };
        var address = $"{factory.HostName}:{factory.Port}, virtual host '{factory.VirtualHost}'";
        try
        {
            return new ErrorQueueBroker(await factory.CreateConnectionAsync(ct), address);
        }
        catch (BrokerUnreachableException e)
        {
            throw new ErrorQueueException(Unreachable(e, address));
        }
    }

    private static string Unreachable(BrokerUnreachableException e, string address)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationFailureException or PossibleAuthenticationFailureException)
                return $"RabbitMQ at {address} refused the user name or password.";
            if (inner is OperationInterruptedException { ShutdownReason.ReplyCode: 530 })
                return $"RabbitMQ at {address} refused the connection: the virtual host does not exist or the user may not use it.";
        }
        var cause = e.InnerException?.GetBaseException().Message ?? e.Message;
        return $"cannot reach RabbitMQ at {address}: {cause}";
    }

    // The queues to read, each with the number of messages ready in it now: the one named (an error if it does not
    // exist), or every known error queue that exists (one that does not has never had a message fail into it).
    public async Task<IReadOnlyList<(string Queue, uint Messages)>> QueuesAsync(string? named, CancellationToken ct)
    {
        var found = new List<(string, uint)>();
        foreach (var queue in named is null ? KnownErrorQueues : [named])
        {
            var count = await MessageCountAsync(queue, ct);
            if (count is { } n) found.Add((queue, n));
            else if (named is not null) throw new ErrorQueueException($"there is no queue '{queue}' at {Address}.");
        }
        return found;
    }

    // Null when the queue does not exist. A passive declare of a missing queue closes its channel: a channel of its own.
    private async Task<uint?> MessageCountAsync(string queue, CancellationToken ct)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    // At most `count` messages (the number in the queue when the run began, so that what arrives meanwhile, a replayed
    // message failing again among it, is not taken too), in queue order, each once, all left in the queue.
    public async Task<IReadOnlyList<ErrorMessage>> ListAsync(string queue, uint count, CancellationToken ct)
    {
        var messages = new List<ErrorMessage>();
        var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            while (messages.Count < count && await channel.BasicGetAsync(queue, autoAck: false, ct) is { } delivery)
                messages.Add(ErrorMessage.Read(queue, delivery.BasicProperties, delivery.Body));
        }
        finally
        {
            // Closing the channel returns every message it holds unacknowledged to the queue.
            await channel.CloseAsync(CancellationToken.None);
            await channel.DisposeAsync();
        }
        return messages;
    }

    // Republishes each chosen message to the queue it failed in (default exchange, mandatory, publisher confirm) with its
    // body and properties but without MassTransit's fault headers, and only then acknowledges it in the error queue; a
    // crash in between leaves it in both, which the worker's once-per-response store turns into one count. Messages
    // not chosen, and those that could not be republished, go back to the error queue when the channel closes.
    public async Task ReplayAsync(string queue, uint count, Func<ErrorMessage, bool> choose, Action<ReplayOutcome> report, Func<bool> done,
        CancellationToken ct)
    {
        var source = await _connection.CreateChannelAsync(cancellationToken: ct);
        var target = await _connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        try
        {
            for (var taken = 0u; taken < count && !done(); taken++)
            {
                if (await source.BasicGetAsync(queue, autoAck: false, ct) is not { } delivery) break;
                var message = ErrorMessage.Read(queue, delivery.BasicProperties, delivery.Body);
                if (!choose(message)) continue;
                if (message.OriginQueue is not { } origin)
                {
                    report(new NotReplayed(message, "the queue it failed in is unknown (no MT-Fault-InputAddress header, and the queue's name does not end in _error)"));
                    continue;
                }
                var properties = new BasicProperties(delivery.BasicProperties) { Headers = FaultHeaders.WithoutFault(delivery.BasicProperties.Headers) };
                try
                {
                    await target.BasicPublishAsync("", origin, mandatory: true, properties, delivery.Body, ct);
                }
                catch (PublishException e)
                {
                    report(new NotReplayed(message, e.IsReturn
                        ? $"there is no queue '{origin}' to take it (is the worker deployed?)"
                        : $"RabbitMQ did not confirm the copy to '{origin}'"));
                    continue;
                }
                await source.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
                report(new Replayed(message, origin));
            }
        }
        finally
        {
            await target.CloseAsync(CancellationToken.None);
            await target.DisposeAsync();
            await source.CloseAsync(CancellationToken.None);
            await source.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }
}
