using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.Surveys;
using Survey.Staff.Access;
using Survey.Store;

namespace Survey.Staff.Surveys;

public sealed record PopulationView(string Survey, string? Source, long Total, IReadOnlyList<PopulationCell> Cells);

// The population per age group × gender that the ranking is weighted to.
public static class PopulationApi
{
    public const int MaxBytes = 256 * 1024;

    // staff: The authenticated /api/v1/staff group.
    public static IEndpointRouteBuilder MapPopulation(this IEndpointRouteBuilder staff)
    {
        var population = staff.MapGroup("/surveys/{slug}/population").WithTags("Surveys");

        population.MapPut("/", async Task<Results<Ok<PopulationView>, NotFound, ValidationProblem, ProblemHttpResult>> (
                string slug, string? source, HttpRequest request, ISurveyStore store, CancellationToken ct) =>
            {
                if (request.ContentType is not { } type || !(type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
                        || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
                    return TypedResults.Problem("Send the table as text/csv: a header 'ageGroup;gender;population' and a row per cell.",
                        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Expected CSV.");
                var sourceErrors = new Errors();
                if (source is { Length: > 200 }) sourceErrors.Add("source", "At most 200 characters.");
                SurveyDefinitionValidator.CheckText(sourceErrors, "source", source);
                if (!sourceErrors.IsEmpty) return TypedResults.ValidationProblem(sourceErrors.ToDictionary(), title: "The source has invalid text; nothing was saved.");
                if (await store.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                var text = await ReadLimitedAsync(request, ct);
                if (text is null)
                    return TypedResults.Problem($"The table is over {MaxBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge,
                        title: "Too large.");
                var (cells, errors) = PopulationTable.Parse(text, survey);
                if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The population table has errors; nothing was saved.");
                var updated = survey with { Population = cells, PopulationSource = string.IsNullOrWhiteSpace(source) ? null : source.Trim() };
                return await store.UpdateAsync(updated, ct) ? TypedResults.Ok(View(updated)) : TypedResults.NotFound();
            })
            .Accepts<string>("text/csv")
            .WithName("PutPopulation")
            .WithSummary("Upload the municipality's population per age group × gender (admin; CSV): the ranking is then weighted to it")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        population.MapGet("/", async Task<Results<Ok<PopulationView>, NotFound>> (string slug, ISurveyStore store, CancellationToken ct) =>
                await store.FindAsync(slug, ct) is { Population: not null } survey ? TypedResults.Ok(View(survey)) : TypedResults.NotFound())
            .WithName("GetPopulation")
            .WithSummary("The population table the ranking is weighted to (404 when none is set)")
            .RequireAuthorization(StaffPolicies.Analyst);

        population.MapDelete("/", async Task<Results<NoContent, NotFound>> (string slug, ISurveyStore store, CancellationToken ct) =>
            {
                if (await store.FindAsync(slug, ct) is not { } survey) return TypedResults.NotFound();
                await store.UpdateAsync(survey with { Population = null, PopulationSource = null }, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeletePopulation")
            .WithSummary("Stop weighting the ranking (admin)")
            .RequireAuthorization(StaffPolicies.Admin);
        return staff;
    }

    private static PopulationView View(SurveyDefinition survey) =>
        new(survey.Slug, survey.PopulationSource, survey.Population!.Sum(c => c.Population), survey.Population!);

    private static async Task<string?> ReadLimitedAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
