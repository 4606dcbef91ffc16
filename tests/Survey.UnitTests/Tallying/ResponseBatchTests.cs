using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Survey.Contracts;
using Survey.UnitTests.Hosts;

namespace Survey.UnitTests.Tallying;

// The worker's side of group commit: a batch of responses (as Intake publishes them) is counted response by response,
// each once, however often the batch or one of its responses arrives.
public class ResponseBatchTests
{
    [Fact]
    public async Task Each_response_in_a_batch_is_counted_once_even_when_the_batch_or_a_response_in_it_arrives_again()
    {
        using var factory = new EmbeddedHostFactory();
        var client = factory.CreateClient();
        var mediator = factory.Services.GetRequiredService<IMediator>();
        // Enough of each that the demo survey's floor (5) shows every figure read here.
        var first = Enumerable.Range(0, 6).Select(_ => Response("narkotika")).ToList();
        var later = Enumerable.Range(0, 5).Select(_ => Response("trafik")).ToList();

        await mediator.Publish(new SurveyResponseBatchSubmitted { Responses = first });
        await mediator.Publish(new SurveyResponseBatchSubmitted { Responses = first });
        await mediator.Publish(new SurveyResponseBatchSubmitted { Responses = [first[1], .. later] });
        await mediator.Publish(first[2]);

        var ranking = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/api/v1/staff/surveys/demo/ranking"))!;
        ranking["respondents"]!.GetValue<long>().Should().Be(11);
        Count(ranking, "narkotika").Should().Be(6);
        Count(ranking, "trafik").Should().Be(5);
    }

    [Fact]
    public async Task A_response_the_store_refuses_fails_its_batch_while_the_others_in_it_are_counted_once()
    {
        using var factory = new EmbeddedHostFactory();
        var client = factory.CreateClient();
        var mediator = factory.Services.GetRequiredService<IMediator>();
        var good = Enumerable.Range(0, 5).Select(_ => Response("narkotika")).ToList();
        var refused = Response("narkotika") with { SurveySlug = "no-such-survey" };

        await mediator.Invoking(m => m.Publish(new SurveyResponseBatchSubmitted { Responses = [good[0], good[1], refused, .. good.Skip(2)] }))
            .Should().ThrowAsync<Exception>("the batch must not be acknowledged while one of its responses is not stored");

        var ranking = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/api/v1/staff/surveys/demo/ranking"))!;
        ranking["respondents"]!.GetValue<long>().Should().Be(5);
    }

    private static long Count(System.Text.Json.Nodes.JsonNode ranking, string concern) =>
        ranking["concerns"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == concern)!["count"]!.GetValue<long>();

    private static SurveyResponseSubmitted Response(string concern) => new()
    {
        ResponseId = Guid.NewGuid(),
        SurveySlug = "demo",
        MunicipalityCode = "2514",
        ReceivedAt = DateTimeOffset.UtcNow,
        Concerns = [concern],
        Priorities = [concern],
    };
}
