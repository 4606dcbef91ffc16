using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Survey.ServiceDefaults.Telemetry;

namespace Survey.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    // Logging, telemetry (Telemetry/), problem details for every error, JSON conventions, health checks, the OpenAPI document, and at the
    // edge: forwarded headers from configured proxies, allowed hosts, HSTS and the security headers.
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        // One line per entry; Logging:Console:FormatterName=json gives structured JSON lines instead (README, Observability).
        if (string.IsNullOrWhiteSpace(builder.Configuration["Logging:Console:FormatterName"]))
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        builder.AddTelemetry();
        builder.Services.AddProblemDetails();
        // Pages are Swedish (and Finnish, Sami …): write å, ä, ö as themselves, not as &#xE5; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // A misspelt field is an error, not silently ignored.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Medborgarlöfte – survey and ranking API";
                document.Info.Description =
                    "Residents' answers to the yearly \"Var med och påverka\" questionnaire (public), and the ranked " +
                    "concerns with their uncertainty that municipalities and local police base their citizen pledge on (staff).";
                // The licence of the code that serves this API (LICENSE at the repository's root), as an SPDX identifier.
                document.Info.License = new Microsoft.OpenApi.OpenApiLicense { Name = "Apache-2.0", Identifier = "Apache-2.0" };
                foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
                foreach (var tag in document.Tags ?? new HashSet<Microsoft.OpenApi.OpenApiTag>())
                    tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "");
                return Task.CompletedTask;
            });
            // An enum written as names (JsonStringEnumConverter) is a string: said outright, or a client generated from the document
            // reads "open" as a number and fails.
            o.AddSchemaTransformer((schema, _, _) =>
            {
                if (schema.Type is null && schema.Enum is { Count: > 0 } values
                    && values.All(v => v is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out _)))
                    schema.Type = Microsoft.OpenApi.JsonSchemaType.String;
                return Task.CompletedTask;
            });
            // An operation that needs no credential says so (an empty requirement), rather than leaving it unsaid.
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any())
                    operation.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement()];
                return Task.CompletedTask;
            });
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProxiesAndHosts();
        return builder;
    }

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Public"] = "What a resident's browser uses: the questionnaire and submitting an answer. No credential.",
        ["Surveys"] = "Setting up a survey and its population table (staff).",
        ["Ranking"] = "Ranked concerns, breakdowns, the proposal and exports, every figure through the disclosure gate (analysts).",
        ["Invitations"] = "Single-use codes for a sampled survey (admins).",
        ["Channels"] = "Share links, QR codes and embeds, and which channel brings answers (communications staff).",
        ["Crime statistics"] = "Brå's reported offences per municipality, imported by admins and shown beside the survey figures (official statistics, not answers).",
        ["Dialogues"] = "Citizen dialogues, safety walks and staff dialogues recorded for a survey, and the safety walks as GeoJSON (admin, dialog; analysts read).",
    };

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            // Not ready means: take me out of the load balancer; a degraded bus is not ready.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapFavicon();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Medborgarlöfte survey API v1");
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "Medborgarlöfte – API";
        });
        return app;
    }
}
