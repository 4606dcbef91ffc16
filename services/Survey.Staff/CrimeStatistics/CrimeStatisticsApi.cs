using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Survey.Domain.CrimeStatistics;
using Survey.Domain.Municipalities;
using Survey.Staff.Access;
using Survey.Staff.Ranking;
using Survey.Store;

namespace Survey.Staff.CrimeStatistics;

// What an import stored: its rows, the regions and years, and per concern the categories that count towards it;
// Unmapped are the categories stored that count towards no concern (OffenceCategories has none for them).
public sealed record CrimeImportSummary(
    int Rows, IReadOnlyList<MunicipalityRef> Municipalities, IReadOnlyList<int> Years,
    IReadOnlyDictionary<string, IReadOnlyList<string>> CategoriesByConcern, IReadOnlyList<string> Unmapped,
    DateTimeOffset ImportedAt, string Source);

public sealed record StoredOffencesView(int Year, string Category, string? Concern, long Count, double RatePer100k, DateTimeOffset ImportedAt);

public sealed record CrimeStatisticsListing(MunicipalityRef Municipality, string Note, IReadOnlyList<StoredOffencesView> Rows);

// Brå's reported offences, imported by an admin and shown beside the survey figures.
public static class CrimeStatisticsApi
{
    // A municipality's table for a few years is some kilobytes; every municipality for ten years about 2 MB.
    public const int MaxBytes = 4 * 1024 * 1024;

    public static readonly MunicipalityRef Nation = new(ReportedOffences.National, "Riket");

    // staff: The authenticated /api/v1/staff group.
    public static IEndpointRouteBuilder MapCrimeStatistics(this IEndpointRouteBuilder staff)
    {
        staff.MapPost("/crime-statistics", async Task<Results<Ok<CrimeImportSummary>, ValidationProblem, ProblemHttpResult>> (
                HttpRequest request, ClaimsPrincipal user, ICrimeStatisticsStore store, TimeProvider clock, CancellationToken ct) =>
            {
                var (text, invalid, problem) = await ReadCsvAsync(request, ct);
                if (invalid is not null) return invalid;
                if (problem is not null) return problem;
                var now = clock.GetUtcNow();
                var (rows, errors) = ReportedOffencesCsv.Parse(text!, now.Year);
                if (!errors.IsEmpty)
                    return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Filen har fel; inget importerades.");
                // The national rows are what every municipality is compared with: only an admin granted every municipality ("*")
                // may replace them, not one municipality's admin.
                var refused = rows.Select(r => r.Region).Distinct()
                    .Where(code => code == ReportedOffences.National ? !user.HasClaim(StaffClaims.Municipality, "*") : !user.CanSee(code))
                    .Order(StringComparer.Ordinal).ToList();
                if (refused.Count > 0)
                    return TypedResults.Problem(
                        detail: $"Du har inte tillgång till {string.Join(", ", refused.Select(c => $"{Name(c)} ({c})"))}; inget importerades." +
                            (refused.Contains(ReportedOffences.National)
                                ? " Rikets siffror, som alla kommuner jämförs med, importeras bara av en administratör med tillgång till alla kommuner."
                                : ""),
                        statusCode: StatusCodes.Status403Forbidden, title: "Not granted.");
                await store.ImportAsync(rows, now, ct);
                return TypedResults.Ok(Summary(rows, now));
            })
            // One list: routing answers 415 for any other type, and a second Accepts would replace the first.
            .Accepts<string>("text/csv", "text/plain", "multipart/form-data")
            // The document describes the CSV body: a form with a file is for browsers, and a form described as one string
            // is no form (a client generated from it would not compile).
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody?.Content?.Remove("multipart/form-data");
                return Task.CompletedTask;
            })
            .WithTags("Crime statistics")
            .WithName("ImportCrimeStatistics")
            .WithSummary("Import Brå's reported offences per municipality, year and offence category (admin; CSV, all rows or none)")
            .WithDescription("Columns Region, År, Brott, Antal, Per 100 000 invånare (see README); the body is the CSV (text/csv), or one file " +
                "in a multipart/form-data form. Any bad line: 400 with an error per line " +
                "and nothing stored. A municipality the caller is not granted: 403 naming it (Riket rows are for everyone). A row of the same " +
                "municipality, year and category as a stored one replaces it.")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        staff.MapGet("/municipalities/{code}/crime-statistics", async Task<Results<Ok<CrimeStatisticsListing>, NotFound, ProblemHttpResult>> (
                string code, ClaimsPrincipal user, ICrimeStatisticsStore store, CancellationToken ct) =>
            {
                var region = code == ReportedOffences.National ? Nation
                    : MunicipalityRegistry.TryGet(code, out var m) ? new MunicipalityRef(m.Code, m.Name) : null;
                if (region is null) return TypedResults.NotFound();
                if (region != Nation && !user.CanSee(code))
                    return TypedResults.Problem(detail: $"Your access does not include municipality {code}.",
                        statusCode: StatusCodes.Status403Forbidden, title: "Not granted.");
                var stored = await store.ReadAsync([code], ct);
                return TypedResults.Ok(new CrimeStatisticsListing(region, CrimeStatisticsView.NoteText,
                    stored.Select(s => new StoredOffencesView(s.Row.Year, s.Row.Category, OffenceCategories.ConcernFor(s.Row.Category),
                        s.Row.Count, s.Row.RatePer100k, s.ImportedAt)).ToList()));
            })
            .WithTags("Crime statistics")
            .WithName("GetCrimeStatistics")
            .WithSummary("The reported offences stored for a municipality (its SCB code, or 00 for Riket), each with the concern it counts towards")
            .RequireAuthorization(StaffPolicies.Analyst);
        return staff;
    }

    private static CrimeImportSummary Summary(IReadOnlyList<ReportedOffences> rows, DateTimeOffset importedAt) => new(
        rows.Count,
        rows.Select(r => r.Region).Distinct().Order(StringComparer.Ordinal)
            .Select(c => c == ReportedOffences.National ? Nation : new MunicipalityRef(c, Name(c))).ToList(),
        rows.Select(r => r.Year).Distinct().Order().ToList(),
        rows.Where(r => OffenceCategories.ConcernFor(r.Category) is not null)
            .GroupBy(r => OffenceCategories.ConcernFor(r.Category)!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Category).Distinct(StringComparer.OrdinalIgnoreCase).ToList()),
        rows.Where(r => OffenceCategories.ConcernFor(r.Category) is null).Select(r => r.Category).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        importedAt,
        CrimeStatisticsView.SourceOf(importedAt));

    private static string Name(string code) =>
        code == ReportedOffences.National ? "Riket" : MunicipalityRegistry.TryGet(code, out var m) ? m.Name : code;

    // The CSV as text: the body (text/csv or text/plain), or the one file of a multipart form. Null text: the answer to give.
    private static async Task<(string? Text, ValidationProblem? Invalid, ProblemHttpResult? Problem)> ReadCsvAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = TypedResults.Problem($"The file is over {MaxBytes / 1024 / 1024} MB; import it in parts.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large.");
        byte[] bytes;
        if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            // The form's own limits, so that a large upload is refused before it is read whole.
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = MaxBytes }));
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException)
            {
                return (null, null, tooLarge);
            }
            if (form.Files.Count != 1)
                return (null, Invalid("file", "Skicka en CSV-fil i formuläret (fältet 'file')."), null);
            using var buffer = new MemoryStream();
            await form.Files[0].CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        else if (request.ContentType is { } type && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            if (await ReadLimitedAsync(request, ct) is not { } body) return (null, null, tooLarge);
            bytes = body;
        }
        else
        {
            return (null, null, TypedResults.Problem("Send Brå's table as text/csv, or as a file in multipart/form-data.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Expected CSV."));
        }
        try
        {
            return (Strict.GetString(bytes), null, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Invalid("csv", "Filen är inte UTF-8. Spara den som ”CSV UTF-8” och importera den igen."), null);
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Filen har fel; inget importerades.");

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
