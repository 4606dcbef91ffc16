using System.Net.Sockets;
using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.Intake.RateLimiting;

// Per-client limits without keeping who the client is: the partition key is a keyed hash of the
// client address with a secret that exists only in memory and is replaced every day, so no IP
// address is stored and yesterday's keys cannot be linked to today's. Behind a proxy configured in
// ForwardedHeaders (see ServiceDefaults), the address is the forwarded client's.
public sealed class ClientKeys(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private DateOnly _day;
    private byte[] _secret = [];

    public string For(IPAddress? address)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        byte[] secret;
        lock (_gate)
        {
            if (today != _day)
            {
                _secret = RandomNumberGenerator.GetBytes(32);
                _day = today;
            }
            secret = _secret;
        }
        return Convert.ToBase64String(HMACSHA256.HashData(secret, Client(address)), 0, 16);
    }

    // The part of an address that names one client. An IPv6 client gets a whole /64 from its provider and may
    // use any address in it, so the /64 is the client. An IPv4 address that arrives mapped into IPv6
    // (::ffff:192.0.2.1, from a dual-stack socket) is the IPv4 client, or every IPv4 client would share one /64.
    private static byte[] Client(IPAddress? address)
    {
        address ??= IPAddress.None;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? bytes[..8] : bytes;
    }
}

public static class ClientRateLimiting
{
    public const string ResponsesPolicy = "responses-per-client";

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<ClientKeys>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(ResponsesPolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value.ResponsesPerMinutePerClient;
                var key = context.RequestServices.GetRequiredService<ClientKeys>().For(context.Connection.RemoteIpAddress);
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit,
                    TokensPerPeriod = limit,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.RequestServices.GetRequiredService<SurveyMetrics>().Rejected(StatusCodes.Status429TooManyRequests);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(
                    detail: "Too many answers from this connection in a short time. Please wait a minute and send again.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests.").ExecuteAsync(http);
            };
        });
        return services;
    }
}
