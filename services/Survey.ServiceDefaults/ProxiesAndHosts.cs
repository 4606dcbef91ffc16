using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.ServiceDefaults;

// What a request says about where it came from, believed only as far as it may be: the
// X-Forwarded-For, -Proto and -Host headers only from the proxies in ForwardedHeaders:KnownProxies
// and ForwardedHeaders:KnownNetworks (none by default, and then nothing is forwarded), and the Host
// only when it is one of AllowedHosts (by default loopback, the addresses in Urls and the public
// addresses in Intake:PublicBaseUrl and Sharing:PublicBaseUrl), so a forged Host never reaches a
// share link or a QR code.
internal static class ProxiesAndHosts
{
    internal static IServiceCollection AddProxiesAndHosts(this IServiceCollection services)
    {
        // The web host's own default is "*" (any host); this runs after it.
        services.AddOptions<HostFilteringOptions>().PostConfigure<IConfiguration>((o, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"])) o.AllowedHosts = DefaultAllowedHosts(configuration);
        });
        // The first of all startup filters, so ahead of the web host's host filtering: the Host it checks is then the client's.
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, EdgeStartupFilter>());
        return services;
    }

    // The proxies whose X-Forwarded-* headers are believed; null when none is configured.
    internal static ForwardedHeadersOptions? ForwardedHeadersFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders");
        var proxies = List(section.GetSection("KnownProxies"));
        var networks = List(section.GetSection("KnownNetworks"));
        if (proxies.Count == 0 && networks.Count == 0) return null;

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = section.GetValue<int?>("ForwardLimit") ?? 1,
        };
        // Only what is configured: the defaults trust loopback, which is any process on the machine.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        foreach (var network in networks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8."));
        return options;
    }

    // Loopback, the hosts the service is told to listen on, and the hosts of its public addresses.
    internal static IList<string> DefaultAllowedHosts(IConfiguration configuration)
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        var addresses = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append(configuration["Intake:PublicBaseUrl"])
            .Append(configuration["Sharing:PublicBaseUrl"]);
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) continue;
            var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
            // A wildcard listener (0.0.0.0, [::]) names no host; AllowedHosts must then be set.
            if (host is "0.0.0.0" or "[::]" || hosts.Contains(host, StringComparer.OrdinalIgnoreCase)) continue;
            hosts.Add(host);
        }
        return hosts;
    }

    // A list written either as "a;b" (command line, environment) or as a JSON array.
    private static List<string> List(IConfigurationSection section) =>
        (section.Value is { } value ? value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0)).ToList();

    // Runs before everything else: forwarded headers first, then HSTS and the security headers.
    private sealed class EdgeStartupFilter(IConfiguration configuration) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (ForwardedHeadersFrom(configuration) is { } forwarding) app.UseForwardedHeaders(forwarding);
            // Only on HTTPS (directly or from a configured proxy), never for localhost, 127.0.0.1 or [::1].
            app.UseHsts();
            app.UseSecurityHeaders(configuration);
            next(app);
        };
    }
}
