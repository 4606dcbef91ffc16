using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.UnitTests.Hosts;

// The embedded host with its telemetry turned on, as OTLP would turn it on, but exporting to memory. ActivitySources and
// Meters are process-wide and other tests' hosts run alongside, so spans are picked out by the trace id each request
// carries in its traceparent, and our metrics are read from this host's own Meter (its IMeterFactory) only.
public sealed class TelemetryTests : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly EmbeddedHostFactory _factory;
    private readonly HttpClient _client;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public TelemetryTests()
    {
        _factory = new EmbeddedHostFactory
        {
            ConfigureTestServices = s => s.AddOpenTelemetry()
                .WithTracing(t => t.AddInMemoryExporter(_spans))
                .WithMetrics(m => m.AddInMemoryExporter(_metrics)),
        };
        _client = _factory.CreateClient();
        var meters = _factory.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SurveyTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Keep(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Keep(i, value, tags));
        _listener.Start();
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    private List<(string Name, double Value, Dictionary<string, object?> Tags)> Measured(string name) =>
        _measurements.Where(m => m.Name == name).ToList();

    // A request as a client that traces would send it: the trace id picks this request's spans out of the process's.
    private static HttpRequestMessage Traced(HttpMethod method, string path, ActivityTraceId trace, ActivitySpanId client, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{client.ToHexString()}-01");
        return request;
    }

    private List<Activity> SpansOf(ActivityTraceId trace)
    {
        _factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        lock (_spans) return _spans.Where(s => s.TraceId == trace).ToList();
    }

    [Fact]
    public async Task One_answer_is_one_trace_from_the_request_through_the_mediator_to_the_batch_write()
    {
        var trace = ActivityTraceId.CreateRandom();
        var client = ActivitySpanId.CreateRandom();

        var response = await _client.SendAsync(Traced(HttpMethod.Post, "/api/v1/public/surveys/demo/responses", trace, client,
            new StringContent("""{"concerns":["narkotika"]}""", Encoding.UTF8, "application/json")));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var spans = SpansOf(trace);
        var request = spans.Should().ContainSingle(s => s.Kind == ActivityKind.Server).Subject;
        request.ParentSpanId.Should().Be(client, "the request continues the client's trace");
        request.DisplayName.Should().Contain("POST");
        request.Tags.Should().NotContain(t => t.Key.StartsWith("client.", StringComparison.Ordinal), "a span never says where a resident answered from");
        var write = spans.Should().ContainSingle(s => s.Source.Name == SurveyTelemetry.Name && s.DisplayName == "record responses",
            "the batch write runs in the recorder's loop, outside the consumer, and must still join the answer's trace").Subject;
        write.GetTagItem("survey.batch.size").Should().Be(1);
        // Every span between the write and the request is in this trace: one chain, nothing broken off.
        var chain = new List<Activity> { write };
        for (var span = write; span != request;)
        {
            span = spans.SingleOrDefault(s => s.SpanId == span.ParentSpanId)
                ?? throw new Xunit.Sdk.XunitException($"{span.DisplayName}'s parent is not in the trace: {Describe(spans)}");
            chain.Add(span);
        }
        // The mediator's publish and consume (MassTransit's own spans) lie between them.
        chain.Where(s => s.Source.Name == "MassTransit").Select(s => s.Kind).Should().Contain(ActivityKind.Consumer, Describe(spans));
    }

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join("; ", spans.Select(s => $"{s.Source.Name}/{s.DisplayName}/{s.Kind} {s.SpanId}<-{s.ParentSpanId}"));

    [Fact]
    public async Task Health_probes_are_not_traced()
    {
        var trace = ActivityTraceId.CreateRandom();

        (await _client.SendAsync(Traced(HttpMethod.Get, "/health/live", trace, ActivitySpanId.CreateRandom()))).EnsureSuccessStatusCode();

        SpansOf(trace).Should().BeEmpty();
    }

    [Fact]
    public async Task Accepted_and_rejected_answers_are_counted_the_rejected_by_status_and_kind_and_never_by_content()
    {
        var json = (string body) => new StringContent(body, Encoding.UTF8, "application/json");

        (await _client.PostAsync("/api/v1/public/surveys/demo/responses", json("""{"concerns":["narkotika"]}"""))).StatusCode
            .Should().Be(HttpStatusCode.Accepted);
        (await _client.PostAsync("/api/v1/public/surveys/demo/responses", json("""{"concerns":["inte-en-oro"]}"""))).StatusCode
            .Should().Be(HttpStatusCode.BadRequest);
        (await _client.PostAsync("/api/v1/public/surveys/ingen-sadan/responses", json("{}"))).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
        (await _client.PostAsync("/s/demo", new FormUrlEncodedContent([new("safety", "99")]))).StatusCode
            .Should().Be(HttpStatusCode.BadRequest, "the plain form's refusals count too");
        // Bodies refused before the handler runs, by the binder, count as well.
        (await _client.PostAsync("/api/v1/public/surveys/demo/responses", json("""{"concerns":["narkotika"""))).StatusCode
            .Should().Be(HttpStatusCode.BadRequest, "malformed JSON");
        (await _client.PostAsync("/api/v1/public/surveys/demo/responses", new StringContent("concerns=narkotika", Encoding.UTF8, "text/plain"))).StatusCode
            .Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await _client.PostAsync("/api/v1/public/surveys/demo/responses", json(new string(' ', 300_000) + "{}"))).StatusCode
            .Should().Be(HttpStatusCode.RequestEntityTooLarge);

        Measured("survey.responses.accepted").Sum(m => m.Value).Should().Be(1);
        var rejected = Measured("survey.responses.rejected");
        rejected.Select(m => (m.Tags["http.response.status_code"], m.Tags["reason"])).Should().BeEquivalentTo(new (object?, object?)[]
        {
            (400, "invalid"), (404, "unknown_survey"), (400, "invalid"), (400, "invalid"), (415, "unsupported_media_type"), (413, "too_large"),
        });
        rejected.Should().OnlyContain(m => m.Tags.Count == 2, "a tag carries a kind, never what was written");
        Measured("survey.responses.publish.duration").Should().ContainSingle().Which.Value.Should().BeGreaterThan(0);
        Measured("survey.responses.queue_lag").Should().ContainSingle();
        Measured("survey.tallies.written").Should().ContainSingle().Which.Tags["outcome"].Should().Be("new");

        // The same instruments reach the exporter that OTLP would use.
        _factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (_metrics)
            _metrics.Select(m => m.Name).Should().Contain(["survey.responses.accepted", "survey.responses.rejected",
                "survey.responses.publish.duration", "survey.responses.queue_lag", "survey.tallies.written", "http.server.request.duration"]);
    }

    [Fact]
    public async Task An_answer_sent_twice_is_written_once_and_counted_as_a_duplicate_the_second_time()
    {
        var body = $$"""{"responseId":"{{Guid.CreateVersion7()}}","concerns":["narkotika"]}""";
        for (var i = 0; i < 2; i++)
            (await _client.PostAsync("/api/v1/public/surveys/demo/responses", new StringContent(body, Encoding.UTF8, "application/json")))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);

        Measured("survey.tallies.written").Select(m => m.Tags["outcome"]).Should().Equal("new", "duplicate");
        Measured("survey.responses.accepted").Sum(m => m.Value).Should().Be(2, "both were made durable and answered 202");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _client.Dispose();
        _factory.Dispose();
    }
}

// The worker's group commit writes many answers in one span: which of their traces it continues.
public sealed class BatchSpanTests
{
    private static ActivityContext Answer(bool sampled) => new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
        sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: true);

    [Fact]
    public void A_batch_write_continues_the_first_sampled_answers_trace_and_links_the_others()
    {
        // Records what a parent-based sampler records: only the children of sampled spans.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SurveyTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
        };
        ActivitySource.AddActivityListener(listener);
        var (unsampled, sampled, another) = (Answer(false), Answer(true), Answer(true));

        using var span = SurveyTelemetry.StartBatch("record responses", [unsampled, sampled, another]);

        span.Should().NotBeNull("a sampled answer in the batch is reason enough to record the write");
        span!.TraceId.Should().Be(sampled.TraceId);
        span.ParentSpanId.Should().Be(sampled.SpanId);
        span.Links.Select(l => l.Context).Should().BeEquivalentTo([unsampled, another]);
        span.GetTagItem("survey.batch.size").Should().Be(3);
    }
}
