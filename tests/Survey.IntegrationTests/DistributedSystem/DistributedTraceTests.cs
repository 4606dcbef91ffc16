using System.Diagnostics;
using System.Net;
using System.Text;
using Kind = Survey.IntegrationTests.ReceivedSpan.SpanKind;

namespace Survey.IntegrationTests;

// One answer through the real pipeline is one trace: Intake's request, its publish to RabbitMQ, the worker's consume,
// the worker's batch write and the PostgreSQL command under it, each the child of the one before, exported over OTLP
// by two processes.
[Collection(DistributedCollection.Name)]
public class DistributedTraceTests(DistributedSystem system)
{
    [Fact]
    public async Task One_answer_is_one_connected_trace_from_intakes_request_through_rabbitmq_to_the_workers_database_command()
    {
        var slug = await system.CreateSurveyAsync(["narkotika", "trafik"]);
        // A sampled traceparent, as a traced client or proxy sends it: the services record only such traces here.
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        var client = ActivitySpanId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/public/surveys/{slug}/responses")
        {
            Content = new StringContent("""{"concerns":["narkotika"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{client}-01");

        (await system.IntakeClient.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await system.WaitForRespondentsAsync(slug, 1, TimeSpan.FromSeconds(60))).Should().Be(1);

        // Each process exports its spans on its own schedule (the worker after its commit, Intake every 200 ms, later on a
        // busy machine): wait until the chain from the worker's database command reaches the client, or the time is up.
        List<ReceivedSpan> spans = [];
        var path = new List<ReceivedSpan>();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            spans = system.Telemetry.Spans.Where(s => s.TraceId == trace).ToList();
            // From the database command up to the client, parent by parent.
            path.Clear();
            for (var span = spans.FirstOrDefault(s => s.Scope == "Npgsql" && s.Service == "Survey.Worker"); span is not null;
                 span = spans.SingleOrDefault(s => s.SpanId == span.ParentSpanId))
                path.Add(span);
            if (path.Count > 0 && path[^1].ParentSpanId == client) break;
        }
        var all = string.Join("\n", spans);
        path.Should().NotBeEmpty($"the worker's database command is in the trace:\n{all}");
        path[^1].ParentSpanId.Should().Be(client, $"the chain reaches Intake's request, which continues the client's trace:\n{all}");

        var steps = path.Select(s => (s.Service, s.Scope, s.Kind)).ToList();
        // MassTransit's consumer side is two spans, receive and then process (consume), both kind Consumer; on Intake's side the
        // grouped publish ("publish responses", which carries this answer alone) sits between the request and MassTransit's send.
        steps.Should().Equal([
            ("Survey.Worker", "Npgsql", Kind.Client),
            ("Survey.Worker", "Survey", Kind.Internal),
            ("Survey.Worker", "MassTransit", Kind.Consumer),
            ("Survey.Worker", "MassTransit", Kind.Consumer),
            ("Survey.Intake.Api", "MassTransit", Kind.Producer),
            ("Survey.Intake.Api", "Survey", Kind.Internal),
            ("Survey.Intake.Api", "Microsoft.AspNetCore", Kind.Server),
        ], $"the path from the database command to the request is, child to parent:\n{string.Join("\n", path)}\nof all:\n{all}");
        path[1].Name.Should().Be("record responses");
        path[^2].Name.Should().Be("publish responses");
        path[^1].Name.Should().StartWith("POST");
    }
}
