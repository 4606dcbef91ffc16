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
    public static IHostApplicationBuilder AddRabbitMqBus(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? registerConsumers = null,
        bool waitUntilStarted = true)
    {
        var uri = builder.Configuration.GetConnectionString("rabbitmq");
        if (string.IsNullOrWhiteSpace(uri))
            throw new InvalidOperationException("ConnectionStrings:rabbitmq is required (for example amqp://guest:guest@127.0.0.1:5672/).");

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            registerConsumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(uri), h => h.PublisherConfirmation = true);
                cfg.ConfigureEndpoints(context);
            });
        });
        // MassTransit's own check watches receive endpoints; a publish-only bus (Intake) needs the broker itself checked.
        builder.Services.AddHealthChecks().AddCheck("rabbitmq", new BrokerReachableCheck(new Uri(uri)), tags: ["ready"]);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = waitUntilStarted;
            o.StartTimeout = TimeSpan.FromSeconds(30);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}

internal sealed class BrokerReachableCheck(Uri broker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(broker.Host, broker.IsDefaultPort || broker.Port < 0 ? 5672 : broker.Port, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {broker.Host}:{broker.Port} does not answer.", e);
        }
    }
}
