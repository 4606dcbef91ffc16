using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Survey.ServiceDefaults.Telemetry;

// Endpoint metadata: this endpoint takes a resident's answer, so a request refused before its handler runs (a body
// that could not be read) is counted as a rejected answer too.
public sealed class CountsRefusedAnswers
{
    public static readonly CountsRefusedAnswers Instance = new();
    private CountsRefusedAnswers() { }
}

// Our own metrics, on the Meter "Survey": what became of residents' answers at the edge, how long the durable publish
// takes, how long an answer waits between Intake and the tally, and what the worker wrote. Tags carry kinds and
// status codes only, never anything a resident wrote or where they wrote from.
public sealed class SurveyMetrics
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _publish;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _written;

    public SurveyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(SurveyTelemetry.Name);
        _accepted = meter.CreateCounter<long>("survey.responses.accepted", "{response}",
            "Answers made durable (broker confirm, or store commit when embedded) and acknowledged to the resident.");
        _rejected = meter.CreateCounter<long>("survey.responses.rejected", "{response}",
            "Answers refused or not saved, by HTTP status and the kind of refusal.");
        _publish = meter.CreateHistogram<double>("survey.responses.publish.duration", "ms",
            "The durable publish of one accepted answer, retries included.");
        _lag = meter.CreateHistogram<double>("survey.responses.queue_lag", "ms",
            "From Intake receiving an answer to the worker committing it (across machines, their clock difference included).");
        _written = meter.CreateCounter<long>("survey.tallies.written", "{response}",
            "Answers the worker committed: new ones counted into the tallies, and duplicates (already counted) ignored.");
    }

    public void Accepted() => _accepted.Add(1);

    // A refusal, by status: the kind of refusal is a name for the status, so the tags stay few and say nothing of the answer.
    public void Rejected(int status) => _rejected.Add(1,
        new KeyValuePair<string, object?>("http.response.status_code", status),
        new KeyValuePair<string, object?>("reason", Reason(status)));

    private static string Reason(int status) => status switch
    {
        400 => "invalid",
        404 => "unknown_survey",
        410 => "survey_not_open",
        413 => "too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        503 => "unavailable",
        _ => "other",
    };

    // Times a durable publish; nothing is measured when no one listens.
    public long PublishStarted() => _publish.Enabled ? Stopwatch.GetTimestamp() : 0;

    public void PublishEnded(long started)
    {
        if (started != 0) _publish.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    // A batch the worker committed: how many were new, and when Intake received each.
    public void Committed(IEnumerable<DateTimeOffset> receivedAt, int total, int added)
    {
        if (added > 0) _written.Add(added, new KeyValuePair<string, object?>("outcome", "new"));
        if (total > added) _written.Add(total - added, new KeyValuePair<string, object?>("outcome", "duplicate"));
        if (!_lag.Enabled) return;
        var now = DateTimeOffset.UtcNow;
        foreach (var received in receivedAt) _lag.Record(Math.Max(0, (now - received).TotalMilliseconds));
    }
}
