using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SglangCi.Web.Security;

namespace SglangCi.Web.Api;

/// <summary>
/// Tells readers of the OpenAPI document which calls need the access token: the document declares the bearer
/// scheme, and each action (an endpoint under the <see cref="DashboardPolicies.ApiAction"/> policy) requires it.
/// </summary>
public static class OpenApiAccessToken
{
    private const string SchemeId = "accessToken";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The dashboard's access token (SglangCi:Dashboard:AccessToken, or the generated data/dashboard-access-token).",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var needsToken = context.Description.ActionDescriptor.EndpointMetadata
                .OfType<IAuthorizeData>()
                .Any(a => a.Policy == DashboardPolicies.ApiAction);
            if (needsToken)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
    }
}
