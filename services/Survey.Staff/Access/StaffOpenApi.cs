using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Survey.Staff.Access;

/// <summary>The bearer scheme in the OpenAPI document, required on exactly the endpoints that require it.</summary>
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
                    Description = "A staff token with the claims role (admin, analyst, comms) and municipality (SCB codes, or * for all).",
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
        });
}
