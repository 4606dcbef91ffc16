using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Survey.Domain.Concerns;
using Survey.Domain.Surveys;
using Survey.Store;

namespace Survey.AllInOne;

public static class DemoSurveyExtensions
{
    public static IHostApplicationBuilder AddDemoSurvey(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DemoSurvey>();
        return builder;
    }
}

// Creates the open demo survey (Kalix, every concern) and prints where everything is.
internal sealed class DemoSurvey(
    ISurveyStore store, IServer server, IHostApplicationLifetime lifetime, TimeProvider clock,
    IConfiguration configuration, ILogger<DemoSurvey> logger) : IHostedService
{
    public const string Slug = "demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var created = await store.CreateAsync(new SurveyDefinition
        {
            Slug = Slug,
            MunicipalityCode = "2514",
            Title = "Var med och påverka – Kalix (demo)",
            PledgePeriodStart = new DateOnly(now.Year + 1, 1, 1),
            PledgePeriodEnd = new DateOnly(now.Year + 1, 12, 31),
            OpensAt = now.AddDays(-1),
            ClosesAt = now.AddYears(10),
            Languages = ["sv", "en", "fi"],
            Areas =
            [
                new("centrum", "Kalix centrum"), new("nyborg", "Nyborg"), new("karlsborg", "Karlsborg"),
                new("tore", "Töre"), new("sangis", "Sangis"), new("morjarv", "Morjärv"),
                new("pala", "Påläng"), new("bredviken", "Bredviken"), new("rolfs", "Rolfs"),
            ],
            Concerns = ConcernTaxonomy.All.Select(c => c.Code).ToList(),
            // Shown on the accessibility statement; a real survey names the municipality's own.
            AccessibilityContact = new AccessibilityContact
            {
                Email = "tillganglighet@kalix.se",
                Phone = "0923-650 00",
                Url = "https://www.kalix.se",
            },
        }, cancellationToken);
        if (created) logger.LogInformation("Created the demo survey '{Slug}' (Kalix, 2514)", Slug);

        lifetime.ApplicationStarted.Register(PrintAddresses);
    }

    private void PrintAddresses()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5050";
        address = address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "localhost").TrimEnd('/');
        var store = string.IsNullOrWhiteSpace(configuration.GetConnectionString("postgres"))
            ? "SQLite in " + StoreRegistration.DataDirectory(configuration)
            : "PostgreSQL from ConnectionStrings:postgres";
        Console.WriteLine($"""

            Medborgarlöfte – survey service (embedded: in-process bus, {store})
              Questionnaire:        {address}/s/{Slug}   (JSON: {address}/api/v1/public/surveys/{Slug})
              Submit a response:    POST {address}/api/v1/public/surveys/{Slug}/responses
              Ranking:              {address}/api/v1/staff/surveys/{Slug}/ranking   (?format=xlsx|csv|json, ?by=area|ageGroup|gender|channel)
              Dashboard:            {address}/staff/dashboard/{Slug}   (sign in with the token below, or one click from this machine)
              Dialogues:            {address}/staff/surveys/{Slug}/dialoger   (record a citizen dialogue or safety walk)
              Results page:         {address}/s/{Slug}/resultat   (ni sa – vi gjorde, once the survey has closed)
              API docs:             {address}/swagger   (OpenAPI: {address}/openapi/v1.json)
              Health:               {address}/health/ready
            Press Ctrl+C to stop.

            """);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
