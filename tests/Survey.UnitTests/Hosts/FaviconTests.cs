extern alias IntakeApi;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Survey.UnitTests.Hosts;

// Browsers ask every site for /favicon.ico; a 404 there is an error in the console of every page.
public class FaviconTests : IClassFixture<EmbeddedHostFactory>, IClassFixture<StaffApiFactory>, IClassFixture<FaviconTests.IntakeApiFactory>
{
    private readonly Dictionary<string, HttpClient> _hosts;

    public FaviconTests(EmbeddedHostFactory embedded, StaffApiFactory staff, IntakeApiFactory intake) => _hosts = new()
    {
        ["embedded"] = embedded.CreateClient(),
        ["staff"] = staff.Anonymous(),
        ["intake"] = intake.CreateClient(),
    };

    [Theory]
    [InlineData("embedded")]
    [InlineData("staff")]
    [InlineData("intake")]
    public async Task Every_host_serves_the_icon(string host)
    {
        var ico = await _hosts[host].GetAsync("/favicon.ico");
        ico.StatusCode.Should().Be(HttpStatusCode.OK);
        ico.Content.Headers.ContentType!.MediaType.Should().Be("image/x-icon");
        (await ico.Content.ReadAsByteArrayAsync()).Take(4).Should().Equal([0, 0, 1, 0], "an ICO file starts with reserved 0 and type 1");

        var svg = await _hosts[host].GetAsync("/favicon.svg");
        svg.StatusCode.Should().Be(HttpStatusCode.OK);
        svg.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        (await svg.Content.ReadAsStringAsync()).Should().StartWith("<svg");
    }

    [Theory]
    [InlineData("/staff/login")]
    [InlineData("/s/demo")]
    public async Task Pages_link_the_icon(string page)
    {
        (await _hosts["embedded"].GetStringAsync(page)).Should().Contain("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"");
    }

    // The internet-facing Intake on its own; its broker is a closed port, which it does not wait for at start.
    public sealed class IntakeApiFactory : WebApplicationFactory<IntakeApi::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:rabbitmq", "amqp://guest:guest@127.0.0.1:1/");
            builder.UseSetting("Intake:StaffApi", "http://127.0.0.1:1/");
            builder.UseSetting("Intake:StaffApiKey", new string('k', 32));
        }
    }
}
