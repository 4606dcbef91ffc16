using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Survey.Cli.ErrorQueues;

// One message in an error queue, as `survey errors` shows it: where and when it failed and why (the headers MassTransit
// adds when it moves a message to <queue>_error), its type and, for a response, which response of which survey. Never
// the answers or the free text: those are residents' data, and the operator needs none of them to find the cause.
public sealed record ErrorMessage
{
    public required string Queue { get; init; }
    public string? MessageId { get; init; }
    public DateTimeOffset? FailedAt { get; init; }
    public string? ExceptionType { get; init; }
    public string? Reason { get; init; }
    public string? InputAddress { get; init; }
    public string? MessageType { get; init; }
    public string? ConsumerType { get; init; }
    public int? RetryCount { get; init; }
    public Guid? ResponseId { get; init; }
    public string? SurveySlug { get; init; }

    // The queue the message failed in: the one MassTransit names, else the error queue's name without _error.
    public string? OriginQueue => FaultHeaders.QueueOf(InputAddress)
        ?? (Queue.EndsWith(FaultHeaders.ErrorSuffix, StringComparison.Ordinal) ? Queue[..^FaultHeaders.ErrorSuffix.Length] : null);

    public static ErrorMessage Read(string queue, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var headers = properties.Headers;
        var (envelopeId, envelopeType, responseId, slug) = ReadBody(body);
        var faultType = FaultHeaders.Text(headers, FaultHeaders.MessageType);
        var messageType = faultType ?? envelopeType;
        var isResponse = messageType is not null && messageType.EndsWith(".SurveyResponseSubmitted", StringComparison.Ordinal);
        return new ErrorMessage
        {
            Queue = queue,
            MessageId = properties.IsMessageIdPresent() ? properties.MessageId : envelopeId,
            FailedAt = DateTimeOffset.TryParse(FaultHeaders.Text(headers, FaultHeaders.Timestamp), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null,
            ExceptionType = FaultHeaders.Text(headers, FaultHeaders.ExceptionType),
            Reason = FaultHeaders.Text(headers, FaultHeaders.Message),
            InputAddress = FaultHeaders.Text(headers, FaultHeaders.InputAddress),
            MessageType = messageType,
            ConsumerType = FaultHeaders.Text(headers, FaultHeaders.ConsumerType),
            RetryCount = int.TryParse(FaultHeaders.Text(headers, FaultHeaders.RetryCount), CultureInfo.InvariantCulture, out var retries) ? retries : null,
            ResponseId = isResponse ? responseId : null,
            SurveySlug = isResponse ? slug : null,
        };
    }

    // Only the envelope's message id and type and a response's id and survey are read; a body that is not JSON (the
    // reason it failed, often) leaves them unknown.
    private static (string? Id, string? Type, Guid? ResponseId, string? Slug) ReadBody(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return default;
            string? id = null, type = null;
            var message = root;
            // MassTransit's envelope (application/vnd.masstransit+json): the message inside, its types as URNs.
            if (Property(root, "message") is { ValueKind: JsonValueKind.Object } inner && Property(root, "messageType") is { } types)
            {
                message = inner;
                id = Property(root, "messageId") is { ValueKind: JsonValueKind.String } messageId ? messageId.GetString() : null;
                type = types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0 && types[0].ValueKind == JsonValueKind.String
                    ? FaultHeaders.TypeFromUrn(types[0].GetString()!)
                    : null;
            }
            var responseId = Property(message, "responseId") is { ValueKind: JsonValueKind.String } r && r.TryGetGuid(out var g) ? g : (Guid?)null;
            var slug = Property(message, "surveySlug") is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
            return (id, type, responseId, slug);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }
}

// The headers MassTransit 8 writes on a message it moves to an error queue (MassTransit.MessageHeaders; set by
// SendContextExtensions.SetExceptionHeaders), and how their values arrive through RabbitMQ.Client.
public static class FaultHeaders
{
    public const string Prefix = "MT-Fault-";
    public const string Reason = "MT-Reason";
    public const string ExceptionType = "MT-Fault-ExceptionType";
    public const string Message = "MT-Fault-Message";
    public const string Timestamp = "MT-Fault-Timestamp";
    public const string InputAddress = "MT-Fault-InputAddress";
    public const string MessageType = "MT-Fault-MessageType";
    public const string ConsumerType = "MT-Fault-ConsumerType";
    public const string RetryCount = "MT-Fault-RetryCount";
    public const string ErrorSuffix = "_error";

    // AMQP header values: strings arrive as byte arrays, numbers as numbers.
    public static string? Text(IDictionary<string, object?>? headers, string name)
    {
        if (headers is null) return null;
        object? value = null;
        foreach (var (key, v) in headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) value = v;
        return value switch
        {
            null => null,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            AmqpTimestamp stamp => DateTimeOffset.FromUnixTimeSeconds(stamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    // The headers of the message as it was before it failed: without MassTransit's account of the failure, so that the
    // replayed message does not carry a stale reason (a second failure writes its own).
    public static Dictionary<string, object?>? WithoutFault(IDictionary<string, object?>? headers) =>
        headers?.Where(h => !h.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && !string.Equals(h.Key, Reason, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value);

    // The queue of a MassTransit RabbitMQ endpoint address, rabbitmq://host[:port]/[vhost/]name[?queue=other&…]: the
    // last path segment, unless the address names its queue apart from its exchange.
    public static string? QueueOf(string? inputAddress)
    {
        if (string.IsNullOrWhiteSpace(inputAddress) || !Uri.TryCreate(inputAddress, UriKind.Absolute, out var uri)) return null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts is ["queue", { Length: > 0 } named]) return Uri.UnescapeDataString(named);
        }
        var name = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return string.IsNullOrEmpty(name) ? null : Uri.UnescapeDataString(name);
    }

    // urn:message:Survey.Contracts:SurveyResponseSubmitted -> Survey.Contracts.SurveyResponseSubmitted, the form
    // MT-Fault-MessageType has.
    public static string TypeFromUrn(string urn)
    {
        const string prefix = "urn:message:";
        var name = urn.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? urn[prefix.Length..] : urn;
        return name.Replace(':', '.');
    }
}
