using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Survey.Messaging;

namespace Survey.UnitTests.Messaging;

public class BrokerNodesTests
{
    [Fact]
    public void The_uri_node_comes_first_and_each_configured_node_once()
    {
        var nodes = BrokerNodes.From(new Uri("amqp://guest:guest@127.0.0.1:5681/vhost"), "127.0.0.1:5682, 127.0.0.1:5681;rabbit-3");

        nodes.Select(n => n.ToString()).Should().Equal("127.0.0.1:5681", "127.0.0.1:5682", "rabbit-3:5672");
    }

    [Fact]
    public void Without_other_nodes_the_bus_has_the_uri_node_alone()
    {
        BrokerNodes.From(new Uri("amqp://guest:guest@broker/"), null).Should().Equal(new BrokerNode("broker", 5672));
    }

    [Fact]
    public void A_node_whose_port_is_not_a_port_is_refused_naming_the_setting()
    {
        var read = () => BrokerNodes.From(new Uri("amqp://broker/"), "broker-2:56x2");

        read.Should().Throw<InvalidOperationException>().WithMessage("*RabbitMq:Nodes*broker-2:56x2*");
    }

    [Fact]
    public async Task The_broker_is_ready_when_any_one_node_answers()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var up = new BrokerNode("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);

        var result = await new BrokerReachableCheck([new BrokerNode("127.0.0.1", ClosedPort()), up]).CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task The_broker_is_not_ready_when_no_node_answers()
    {
        var result = await new BrokerReachableCheck([new BrokerNode("127.0.0.1", ClosedPort()), new BrokerNode("127.0.0.1", ClosedPort())])
            .CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
    }

    // A port nothing listens on: one the system just handed out and took back.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
