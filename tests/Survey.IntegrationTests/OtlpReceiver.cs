using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;

namespace Survey.IntegrationTests;

// A span as a service exported it: which service, which instrumentation (the scope: "Microsoft.AspNetCore",
// "MassTransit", "Survey", "Npgsql" …), and where it hangs in its trace.
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, ReceivedSpan.SpanKind Kind)
{
    public enum SpanKind { Unspecified, Internal, Server, Client, Producer, Consumer }

    public override string ToString() => $"{Service} {Scope} '{Name}' {Kind} {SpanId}<-{ParentSpanId}";
}

// A tiny OTLP/HTTP receiver: what the services export when OTEL_EXPORTER_OTLP_ENDPOINT points here with
// OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf. It keeps the spans (and answers metrics and logs without reading them).
// The protobuf is read by hand, only the fields the tests look at, so the tests need no generated OTLP types.
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private Task? _loop;

    public Uri Endpoint { get; } = new($"http://127.0.0.1:{ServiceProcess.FreePort()}/");

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public void Start()
    {
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                using var body = new MemoryStream();
                var input = context.Request.Headers["Content-Encoding"] == "gzip"
                    ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress)
                    : context.Request.InputStream;
                await input.CopyToAsync(body);
                if (context.Request.Url?.AbsolutePath == "/v1/traces")
                    foreach (var span in ReadTraces(body.ToArray())) _spans.Enqueue(span);
                // An empty Export…ServiceResponse: everything was taken.
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
            }
            catch (Exception e) when (e is IOException or InvalidDataException or HttpListenerException)
            {
                context.Response.StatusCode = 400;
            }
            context.Response.Close();
        }
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1 }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2 }   Resource { repeated KeyValue attributes = 1 }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2 }          InstrumentationScope { string name = 1 }
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6 }
    public static IEnumerable<ReceivedSpan> ReadTraces(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1))
        {
            var fields = Fields(resourceSpans.Bytes).ToList();
            var service = fields.Where(f => f.Number == 1).SelectMany(r => Attributes(r.Bytes))
                .FirstOrDefault(a => a.Key == "service.name").Value ?? "";
            foreach (var scopeSpans in fields.Where(f => f.Number == 2))
            {
                var scopeFields = Fields(scopeSpans.Bytes).ToList();
                var scope = scopeFields.Where(f => f.Number == 1).SelectMany(s => Fields(s.Bytes)).Where(f => f.Number == 1)
                    .Select(f => Text(f.Bytes)).FirstOrDefault() ?? "";
                foreach (var span in scopeFields.Where(f => f.Number == 2))
                {
                    var s = Fields(span.Bytes).ToList();
                    string Hex(int number) => s.Where(f => f.Number == number).Select(f => Convert.ToHexStringLower(f.Bytes.Span)).FirstOrDefault() ?? "";
                    yield return new ReceivedSpan(service, scope, Hex(1), Hex(2), Hex(4),
                        s.Where(f => f.Number == 5).Select(f => Text(f.Bytes)).FirstOrDefault() ?? "",
                        (ReceivedSpan.SpanKind)(int)(s.Where(f => f.Number == 6).Select(f => f.Varint).FirstOrDefault()));
                }
            }
        }
    }

    // KeyValue { string key = 1; AnyValue value = 2 }   AnyValue { string string_value = 1; … }
    private static IEnumerable<KeyValuePair<string, string?>> Attributes(ReadOnlyMemory<byte> resource) =>
        Fields(resource).Where(f => f.Number == 1).Select(kv =>
        {
            var fields = Fields(kv.Bytes).ToList();
            var key = fields.Where(f => f.Number == 1).Select(f => Text(f.Bytes)).FirstOrDefault() ?? "";
            var value = fields.Where(f => f.Number == 2).SelectMany(v => Fields(v.Bytes)).Where(f => f.Number == 1)
                .Select(f => Text(f.Bytes)).FirstOrDefault();
            return new KeyValuePair<string, string?>(key, value);
        });

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private readonly record struct Field(int Number, ulong Varint, ReadOnlyMemory<byte> Bytes);

    // The protobuf wire format: a key (field number << 3 | wire type), then a varint, 8 or 4 bytes, or a length and that many bytes.
    private static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message.Span, ref at);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return new Field(number, Varint(message.Span, ref at), default);
                    break;
                case 1:
                    yield return new Field(number, 0, message.Slice(at, 8));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref at);
                    yield return new Field(number, 0, message.Slice(at, length));
                    at += length;
                    break;
                case 5:
                    yield return new Field(number, 0, message.Slice(at, 4));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {key & 7} is not in OTLP.");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        if (_loop is not null) await _loop;
    }
}
