using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class OperatorTokenExtensions
{
    /// <summary>
    /// Binds <c>CrazyTrain:OperatorToken</c> and refuses to start without it: a service whose operator
    /// endpoints nobody could call (or anybody could) must not run.
    /// </summary>
    public static TBuilder AddOperatorToken<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<OperatorTokenOptions>()
            .Bind(builder.Configuration.GetSection(OperatorTokenOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OperatorToken>();
        return builder;
    }

    /// <summary>
    /// Only requests with <c>Authorization: Bearer &lt;operator token&gt;</c> reach these endpoints, on loopback too;
    /// the others get 401 with a <c>WWW-Authenticate</c> challenge and a problem body saying why.
    /// </summary>
    public static TBuilder RequireOperatorToken<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<OperatorToken>().Refusal(http.Request) is not { } refusal)
            {
                return await next(context);
            }

            http.Response.Headers.WWWAuthenticate = $"{OperatorToken.Scheme} realm=\"crazytrain\"";
            return Results.Problem(detail: refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Operator token required");
        });
}
