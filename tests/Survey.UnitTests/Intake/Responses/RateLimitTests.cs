using System.Net;
using System.Text;
using Survey.Intake.RateLimiting;
using Survey.Intake;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Responses;

public class RateLimitTests
{
    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_retry_after()
    {
        using var factory = new EmbeddedHostFactory { ResponsesPerMinutePerClient = 3 };
        var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsync("/api/v1/public/surveys/demo/responses", new StringContent("{}", Encoding.UTF8, "application/json"));
            statuses.Add(last.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter!.Delta.Should().BePositive();
        last.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        // Three is under the demo survey's floor of 5, so the ranking hides it: count the stored answers instead.
        factory.QueryScalar("select count(*) from responses where survey_slug = $p", "demo").Should().Be(3L);
    }

    [Fact]
    public void Client_keys_are_keyed_hashes_that_change_every_day_and_never_contain_the_address()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 23, 59, 0, TimeSpan.Zero));
        var keys = new ClientKeys(clock);
        var address = IPAddress.Parse("192.0.2.17");

        var today = keys.For(address);
        keys.For(address).Should().Be(today, "the same client is the same partition all day");
        keys.For(IPAddress.Parse("192.0.2.18")).Should().NotBe(today);
        today.Should().NotContain("192.0.2.17");

        clock.Now = clock.Now.AddMinutes(2);
        keys.For(address).Should().NotBe(today, "the secret is replaced at midnight");
    }

    [Fact]
    public void An_ipv6_client_is_its_64_and_an_ipv4_client_is_itself_however_it_arrives()
    {
        var keys = new ClientKeys(TimeProvider.System);

        keys.For(IPAddress.Parse("2001:db8:1:2::1")).Should().Be(keys.For(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        keys.For(IPAddress.Parse("2001:db8:1:3::1")).Should().NotBe(keys.For(IPAddress.Parse("2001:db8:1:2::1")));
        keys.For(IPAddress.Parse("::ffff:192.0.2.17")).Should().Be(keys.For(IPAddress.Parse("192.0.2.17")));
        keys.For(IPAddress.Parse("::ffff:192.0.2.18")).Should().NotBe(keys.For(IPAddress.Parse("::ffff:192.0.2.17")),
            "every IPv4 client mapped into IPv6 lies in one /64");
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
