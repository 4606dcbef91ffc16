using System.ComponentModel.DataAnnotations;

namespace Survey.Intake;

public sealed class IntakeOptions
{
    // Base address of the Staff API, from which Intake reads survey definitions (distributed mode).
    public Uri? StaffApi { get; set; }

    // The service key Intake presents to the Staff API's /internal/v1 (its InternalApi:IntakeKey). Distributed mode only.
    public string? StaffApiKey { get; set; }

    // The address residents reach Intake at (e.g. https://enkat.kalix.se), for share links and QR codes; default: the request's own.
    public Uri? PublicBaseUrl { get; set; }

    // How long a survey definition is used before it is read again.
    public TimeSpan DefinitionCacheTime { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 10)]
    public int PublishAttempts { get; set; } = 3;

    public TimeSpan PublishAttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    // Group commit on RabbitMQ: the most responses one confirmed publish carries, and how many such publishes may wait for
    // their confirms at once (while they wait, the next responses gather into the next batch).
    [Range(1, 1000)]
    public int PublishBatchSize { get; set; } = 100;

    [Range(1, 64)]
    public int PublishesInFlight { get; set; } = 4;

    // The Retry-After a 503 carries.
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;

    // Responses one client (one address, known only by a keyed hash) may send per minute.
    [Range(1, 1_000_000)]
    public int ResponsesPerMinutePerClient { get; set; } = 60;

    // The largest body either way of answering takes (JSON or the plain form); more is a 413.
    [Range(1024, 1048576)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    // The most fields the plain form takes (the questionnaire sends about 30); more is a 413.
    [Range(50, 10_000)]
    public int MaxFormFields { get; set; } = 200;
}
