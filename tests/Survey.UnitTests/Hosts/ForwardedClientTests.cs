using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.UnitTests.Hosts;

// Who the client is: its IPv6 /64, and behind a configured proxy the address the proxy forwards.
public class ForwardedClientTests
{
    // Test-only: the connection's remote address, as the test names it (TestServer has none).
    private const string PeerHeader = "X-Test-Peer";

    [Fact]
    public async Task Ipv6_addresses_in_one_64_are_one_client_and_other_64s_are_others()
    {
        using var host = Host();

        (await PostAsync(host, "2001:db8:1:2::1")).Should().Be(HttpStatusCode.Accepted);
        (await PostAsync(host, "2001:db8:1:2:ffff:ffff:ffff:fffe")).Should().Be(HttpStatusCode.TooManyRequests, "the same /64");
        (await PostAsync(host, "2001:db8:1:3::1")).Should().Be(HttpStatusCode.Accepted, "the next /64 is another client");
        (await PostAsync(host, "192.0.2.1")).Should().Be(HttpStatusCode.Accepted);
        (await PostAsync(host, "::ffff:192.0.2.2")).Should().Be(HttpStatusCode.Accepted, "an IPv4 client mapped into IPv6 is still its own client");
        (await PostAsync(host, "::ffff:192.0.2.1")).Should().Be(HttpStatusCode.TooManyRequests, "the same IPv4 client, mapped");
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_headers_are_ignored()
    {
        using var host = Host();

        (await PostAsync(host, "203.0.113.7", forwardedFor: "198.51.100.1")).Should().Be(HttpStatusCode.Accepted);
        (await PostAsync(host, "203.0.113.7", forwardedFor: "198.51.100.2")).Should().Be(HttpStatusCode.TooManyRequests,
            "anyone can write X-Forwarded-For; the connection is the client");
        var kit = await ShareKitAsync(host, "203.0.113.7", proto: "https", forwardedHost: "enkat.kalix.se");
        kit.Link.Should().Be("http://localhost/s/demo?k=affisch");
        kit.Hsts.Should().BeFalse();
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_forwarded_client_is_the_client()
    {
        using var host = Host(("ForwardedHeaders:KnownProxies", "10.0.0.1"));

        (await PostAsync(host, "10.0.0.1", forwardedFor: "198.51.100.1")).Should().Be(HttpStatusCode.Accepted);
        (await PostAsync(host, "10.0.0.1", forwardedFor: "198.51.100.2")).Should().Be(HttpStatusCode.Accepted, "another client behind the same proxy");
        (await PostAsync(host, "10.0.0.1", forwardedFor: "198.51.100.1")).Should().Be(HttpStatusCode.TooManyRequests);
        (await PostAsync(host, "10.0.0.1", forwardedFor: "2001:db8:5:6::1")).Should().Be(HttpStatusCode.Accepted);
        (await PostAsync(host, "10.0.0.1", forwardedFor: "2001:db8:5:6::2")).Should().Be(HttpStatusCode.TooManyRequests, "a forwarded IPv6 client is its /64 too");
        // A connection from elsewhere that claims to be forwarded is still only itself.
        (await PostAsync(host, "10.0.0.9", forwardedFor: "198.51.100.3")).Should().Be(HttpStatusCode.Accepted);
        (await PostAsync(host, "10.0.0.9", forwardedFor: "198.51.100.4")).Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_network_the_scheme_and_host_are_the_clients_and_only_then()
    {
        using var host = Host(("ForwardedHeaders:KnownNetworks", "10.0.0.0/8"), ("AllowedHosts", "enkat.kalix.se;localhost"));

        var proxied = await ShareKitAsync(host, "10.20.30.40", proto: "https", forwardedHost: "enkat.kalix.se");
        var direct = await ShareKitAsync(host, "192.0.2.80", proto: "https", forwardedHost: "enkat.kalix.se");
        var forged = await ShareKitAsync(host, "10.20.30.40", proto: "https", forwardedHost: "evil.example");

        proxied.Link.Should().Be("https://enkat.kalix.se/s/demo?k=affisch");
        proxied.Hsts.Should().BeTrue("the client's connection is TLS");
        direct.Link.Should().Be("http://localhost/s/demo?k=affisch");
        direct.Hsts.Should().BeFalse();
        forged.Status.Should().Be(HttpStatusCode.BadRequest, "a forwarded host must be an allowed host too");
    }

    [Fact]
    public async Task A_proxy_that_is_not_an_address_stops_the_start()
    {
        using var host = Host(("ForwardedHeaders:KnownProxies", "proxy.internal"));

        var start = () => host.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*ForwardedHeaders:KnownProxies*proxy.internal*");
    }

    private static EmbeddedHostFactory Host(params (string Key, string Value)[] settings) => new()
    {
        ResponsesPerMinutePerClient = 1,
        Settings = settings.ToDictionary(s => s.Key, s => s.Value),
        // Ahead of every other startup filter, as the connection comes before anything the server does with it.
        ConfigureTestServices = services => services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, PeerFromHeader>()),
    };

    private static async Task<HttpStatusCode> PostAsync(EmbeddedHostFactory host, string peer, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/surveys/demo/responses")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await host.CreateClient().SendAsync(request)).StatusCode;
    }

    private static async Task<(HttpStatusCode Status, string? Link, bool Hsts)> ShareKitAsync(
        EmbeddedHostFactory host, string peer, string proto, string forwardedHost)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/staff/surveys/demo/share?k=affisch");
        request.Headers.Add(PeerHeader, peer);
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-Host", forwardedHost);
        var response = await host.CreateClient().SendAsync(request);
        var link = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["link"]!.GetValue<string>() : null;
        return (response.StatusCode, link, response.Headers.Contains("Strict-Transport-Security"));
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var peer)) context.Connection.RemoteIpAddress = peer;
                context.Request.Headers.Remove(PeerHeader);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
