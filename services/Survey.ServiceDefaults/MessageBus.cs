using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Survey.ServiceDefaults;

public static class MessageBusExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ, from <c>ConnectionStrings:rabbitmq</c> (an amqp:// URI with credentials),
    /// with publisher confirms on: an awaited Publish returns only after the broker has the message.
    /// </summary>
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
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = waitUntilStarted;
            o.StartTimeout = TimeSpan.FromSeconds(30);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
