using CrazyTrain.Console.Operators;

namespace CrazyTrain.Console.Api;

/// <summary>
/// How a browser becomes an operator: the login link (<c>/login?t=&lt;token&gt;</c>, shown in the Aspire dashboard
/// as the console's URL, as the dashboard's own login link is) or the page's sign-in form. Either sets an
/// HttpOnly, SameSite=Strict session cookie and sends the browser to the page, so the token leaves the address bar.
/// </summary>
public static class LoginEndpoints
{
    public const string TokenParameter = "t";

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, OperatorAccess access) =>
            SignIn(context, access, context.Request.Query[TokenParameter]));
        app.MapPost("/login", async (HttpContext context, OperatorAccess access) =>
        {
            if (!SameOrigin.Allows(context.Request))
            {
                return Results.Text("Refused: this sign-in form was not sent by the console's own page.", statusCode: StatusCodes.Status403Forbidden);
            }

            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            return SignIn(context, access, form?[TokenParameter]);
        }).DisableAntiforgery();
        app.MapPost("/logout", (HttpContext context) =>
        {
            if (!SameOrigin.Allows(context.Request))
            {
                return Results.Text("Refused: not sent by the console's own page.", statusCode: StatusCodes.Status403Forbidden);
            }

            OperatorAccess.SignOut(context);
            return Results.Redirect("./");
        }).DisableAntiforgery();
        return app;
    }

    private static IResult SignIn(HttpContext context, OperatorAccess access, string? presented)
    {
        // The token is in this request's URL or body: keep it out of caches and of the next page's Referer.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return access.SignIn(context, presented)
            ? Results.Redirect("./")
            : Results.Text("The operator token is wrong: use the console's login link from the Aspire dashboard, or the token from the operator-token Secret.",
                statusCode: StatusCodes.Status401Unauthorized);
    }
}
