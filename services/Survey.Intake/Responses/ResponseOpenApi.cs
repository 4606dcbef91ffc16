using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Survey.Domain.Responses;

namespace Survey.Intake.Responses;

public static class ResponseOpenApi
{
    // A response's "answers" as residents send them ({"trygg-centrum": "ja", "platser": ["torget"], "betyg": 4}), not as the
    // record that holds them after reading ({"shape": …, "values": […]}): a client generated from the document must send
    // what the reader takes. The value's type depends on the question's, which the document cannot know, so it is left
    // open and described (a union of string, array and integer makes client generators emit an empty class instead).
    public static IServiceCollection AddResponseSchemaToOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", o => o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(ResponseAnswer) && schema.Properties?.ContainsKey("answers") == true)
                schema.Properties["answers"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object | JsonSchemaType.Null,
                    Description = "Answers to the survey's own questions, by question code.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Description = "Single choice: an option code (\"ja\"). Multiple choice: an array of option codes ([\"torget\", \"stationen\"]). " +
                            "Scale: 1–5 as a number, or \"vet-inte\". Text: a string of at most 2,000 characters.",
                    },
                };
            return Task.CompletedTask;
        }));
}
