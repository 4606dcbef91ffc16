using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Survey.Domain.Pledges;

namespace Survey.Staff.Pledges;

public static class PledgeOpenApi
{
    // A text by language as it is on the wire ({"sv": "…", "en": "…"}), not as the record that holds it ({"byLanguage": …}),
    // so that a client generated from the document sends what the converter reads.
    public const string Tag = "Pledge";

    public static IServiceCollection AddPledgesToOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                if (tag.Name == Tag)
                    tag.Description ??= "The medborgarlöfte signed after a survey and its progress, which the public results page shows (analysts).";
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type != typeof(LocalText)) return Task.CompletedTask;
            schema.Type = JsonSchemaType.Object;
            schema.Properties?.Clear();
            schema.Required?.Clear();
            schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String };
            schema.Description = "A text for residents by language code: Swedish (sv) required, other languages of the survey optional " +
                "(the public page shows Swedish where one is missing). A request may also give a plain string, taken as Swedish.";
            return Task.CompletedTask;
        }));
}
