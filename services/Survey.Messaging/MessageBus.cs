using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Survey.Messaging;

public static class MessageBusExtensions
{
    // MassTransit on RabbitMQ, from ConnectionStrings:rabbitmq (an amqp:// URI with credentials),
    // with publisher confirms on: an awaited Publish returns only after the broker has the message.
    // On a RabbitMQ cluster, RabbitMq:Nodes names the other nodes ("host:port,host:port"): the bus connects to the
    // URI's node or, when that one does not answer, to the next, and reconnects the same way when its node goes.
    public static IHostApplicationBuilder AddRabbitMqBus(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? registerConsumers = null,
        bool waitUntilStarted = true)
    {
        var uri = builder.Configuration.GetConnectionString("rabbitmq");
        if (string.IsNullOrWhiteSpace(uri))
            throw new InvalidOperationException("ConnectionStrings:rabbitmq is required (for example amqp://guest:guest@127.0.0.1:5672/).");

        var nodes = BrokerNodes.From(new Uri(uri), builder.Configuration["RabbitMq:Nodes"]);
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            registerConsumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(uri), h =>
                {
                    h.PublisherConfirmation = true;
                    // MassTransit's cluster list replaces the URI's host, so it holds the URI's node too, first.
                    if (nodes.Count > 1) h.UseCluster(c => { foreach (var node in nodes) c.Node(node.ToString()); });
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        // MassTransit's own check watches receive endpoints; a publish-only bus (Intake) needs the broker itself checked.
        builder.Services.AddHealthChecks().AddCheck("rabbitmq", new BrokerReachableCheck(nodes), tags: ["ready"]);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = waitUntilStarted;
            o.StartTimeout = TimeSpan.FromSeconds(30);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}

public sealed record BrokerNode(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}

public static class BrokerNodes
{
    // The URI's node, then each of the configured others once.
    public static IReadOnlyList<BrokerNode> From(Uri uri, string? others)
    {
        var nodes = new List<BrokerNode> { new(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 5672 : uri.Port) };
        foreach (var entry in (others ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.LastIndexOf(':');
            var node = colon < 0
                ? new BrokerNode(entry, 5672)
                : int.TryParse(entry[(colon + 1)..], out var port) && port is > 0 and < 65536
                    ? new BrokerNode(entry[..colon], port)
                    : throw new InvalidOperationException($"RabbitMq:Nodes: \"{entry}\" is not host:port.");
            if (!nodes.Contains(node)) nodes.Add(node);
        }
        return nodes;
    }
}

// Ready when any node of the broker answers: on a cluster the bus moves to a node that is up.
public sealed class BrokerReachableCheck(IReadOnlyList<BrokerNode> nodes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var attempts = nodes.Select(node => AnswersAsync(node, timeout.Token)).ToList();
        while (attempts.Count > 0)
        {
            var done = await Task.WhenAny(attempts);
            if (await done) return HealthCheckResult.Healthy();
            attempts.Remove(done);
        }
        return HealthCheckResult.Unhealthy($"RabbitMQ at {string.Join(", ", nodes)} does not answer.");
    }

    private static async Task<bool> AnswersAsync(BrokerNode node, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(node.Host, node.Port, ct);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
