using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Survey.ServiceDefaults.Telemetry;

// Traces and metrics on every host: HTTP in and out, MassTransit's publish and consume, the store's database
// commands (the store adds its own source, StoreRegistration) and our own spans and metrics (SurveyMetrics).
// What to collect is configured always; the providers that listen are started only when something is to receive
// them: OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, or an exporter a test adds with AddOpenTelemetry(). With
// neither, no ActivitySource or Meter has a listener, so a span is never created and a measurement is a no-op.
public static class SurveyTelemetry
{
    // The ActivitySource and the Meter of our own spans and metrics.
    public const string Name = "Survey";

    public static readonly ActivitySource Source = new(Name);

    // MassTransit 8 names its ActivitySource and its Meter so (DiagnosticHeaders.DefaultListenerName,
    // InstrumentationOptions.MeterName); written out so the defaults need no bus.
    private const string MassTransit = "MassTransit";

    // A span for work done for several traces at once (a group commit): the child of the first item's span, linked to
    // the others', so that each answer's trace reaches the write and the database commands under it. The first item
    // whose trace is recorded, if any: under a sampler, a batch whose first answer was not sampled would otherwise go
    // unrecorded and break the traces of the sampled ones. Null, at no cost, when no one listens.
    public static Activity? StartBatch(string name, IEnumerable<ActivityContext> items)
    {
        if (!Source.HasListeners()) return null;
        var contexts = items.ToList();
        var parent = contexts.FirstOrDefault(c => c.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
        if (parent == default) parent = contexts.FirstOrDefault(c => c != default);
        var links = contexts.Where(c => c != default && c != parent).Select(c => new ActivityLink(c)).ToList();
        var span = Source.StartActivity(name, ActivityKind.Internal, parent, links: links);
        span?.SetTag("survey.batch.size", contexts.Count);
        return span;
    }

    internal static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        // The host's own name (Survey.Intake.Api, Survey.Worker, …) unless the deployment names it.
        var service = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : builder.Environment.ApplicationName;
        // One instance id for every signal of this process (each provider builds its resource on its own).
        var instance = Guid.NewGuid().ToString();
        void Resource(ResourceBuilder r) => r.AddService(service, serviceInstanceId: instance, autoGenerateServiceInstanceId: false);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .ConfigureResource(Resource)
            .AddAspNetCoreInstrumentation(o => o.Filter = IsTraced)
            .AddHttpClientInstrumentation()
            .AddSource(MassTransit, Name));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .ConfigureResource(Resource)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MassTransit, Name));
        builder.Services.TryAddSingleton<SurveyMetrics>();

        // The standard OTLP settings (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS, OTEL_TRACES_SAMPLER …), read
        // from the environment or any configuration source; logs go there too.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(Resource)
                .WithTracing()
                .WithMetrics()
                .UseOtlpExporter();
        return builder;
    }

    // Probes and files are not worth a trace: a load balancer's health checks and the pages' scripts, styles and icons.
    private static bool IsTraced(HttpContext context)
    {
        var path = context.Request.Path;
        return !(path.StartsWithSegments("/health") || path.StartsWithSegments("/s/assets") || path.StartsWithSegments("/staff/assets")
                 || path.StartsWithSegments("/favicon.ico") || path.StartsWithSegments("/favicon.svg") || path.StartsWithSegments("/embed.js")
                 || path.StartsWithSegments("/swagger"));
    }
}
