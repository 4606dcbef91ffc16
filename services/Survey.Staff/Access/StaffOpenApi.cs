using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Survey.Domain.Surveys;
using Survey.Domain.Tallying;

namespace Survey.Staff.Access;

// The bearer scheme in the OpenAPI document, required on exactly the endpoints that require it.
public static class StaffOpenApi
{
    public static IServiceCollection AddStaffSecurityToOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[StaffAccess.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A staff token with the claims role (admin, analyst, comms, dialog) and municipality (SCB codes, or * for all).",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                // Only the staff policies take a staff token; a route with another policy is not marked as if it did.
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                    .Any(a => a.Policy is { } policy && StaffPolicies.All.Contains(policy)))
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(StaffAccess.Scheme, context.Document)] = [],
                    });
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, _, _) =>
            {
                DescribeQueryValues(operation);
                DescribeExports(operation);
                return Task.CompletedTask;
            });
        });

    // The values the ranking and question endpoints take in their query, so that a client offers them rather than a free
    // string. The handlers refuse any other value with a 400 naming the parameter; a test holds the two together.
    private static void DescribeQueryValues(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            switch (operation.OperationId, parameter.Name)
            {
                case ("GetRanking", "format"):
                    parameter.Schema = Values("json", "csv", "xlsx");
                    parameter.Description = "An export instead of the API's JSON: csv, xlsx (a workbook) or json (every breakdown and question).";
                    break;
                case ("GetQuestionResults", "format"):
                    parameter.Schema = Values("csv");
                    parameter.Description = "csv for a CSV export instead of the API's JSON.";
                    break;
                case (_, "dialect"):
                    parameter.Schema = Values("excel-sv", "rfc4180");
                    parameter.Description = "With format=csv: excel-sv (the default: BOM, semicolons, decimal comma) or rfc4180 (comma, decimal point).";
                    break;
                case ("GetRanking", "by"):
                    // A standard breakdown by name, or a single-choice question of the survey's own by its code: which codes
                    // exist depends on the survey, so the second is a pattern, not a list.
                    // (A string that is one of a list or fits a pattern: typed at the top, so that generators give a string, not a class.)
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        AnyOf =
                        [
                            new OpenApiSchema { Enum = [.. Dimensions.Breakdowns.Select(v => (JsonNode)JsonValue.Create(v))] },
                            new OpenApiSchema
                            {
                                Pattern = SurveyDefinitionValidator.CodePattern().ToString().Replace(@"\z", "$", StringComparison.Ordinal),
                                Description = "The code of one of the survey's own single-choice questions, e.g. trygg-centrum.",
                            },
                        ],
                    };
                    parameter.Description = $"The ranking split by one question: {string.Join(", ", Dimensions.Breakdowns)}, or the code of " +
                        "one of the survey's own single-choice questions. Any other value is a 400 that lists the survey's breakdowns.";
                    break;
            }
        }
    }

    // An export is a file, whatever the endpoint's JSON answer looks like: a CSV is text, a workbook is bytes.
    private static void DescribeExports(OpenApiOperation operation)
    {
        if (operation.Responses?.GetValueOrDefault("200") is not OpenApiResponse ok || ok.Content is null) return;
        if (operation.OperationId == "GetQuestionResults") ok.Content.TryAdd(Csv, new OpenApiMediaType());
        foreach (var (type, media) in ok.Content)
        {
            if (type == Csv)
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = Csv };
            else if (type == Xlsx)
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", ContentMediaType = Xlsx };
        }
    }

    private const string Csv = "text/csv";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static OpenApiSchema Values(params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))],
    };
}
