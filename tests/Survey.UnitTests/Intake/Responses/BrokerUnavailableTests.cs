using System.Net;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Intake.Responses;

public class BrokerUnavailableTests
{
    [Fact]
    public async Task Intake_retries_a_bounded_number_of_times_then_answers_503_with_retry_after_and_counts_nothing()
    {
        var broker = new UnreachableBroker();
        using var factory = new EmbeddedHostFactory
        {
            ConfigureTestServices = s => s.Replace(ServiceDescriptor.Scoped<IPublishEndpoint>(_ => broker)),
        };
        var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/public/surveys/demo/responses",
            new StringContent("""{"concerns":["narkotika"]}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().BePositive();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        broker.Attempts.Should().Be(3, "the default policy is three attempts in all");
        var ranking = await client.GetStringAsync("/api/v1/staff/surveys/demo/ranking");
        ranking.Should().Contain("\"respondents\":0");
    }
}
