namespace CrazyTrain.Console.Operators;

/// <summary>
/// Who may press the buttons, on loopback as anywhere else. A request acts as an operator with
/// <c>Authorization: Bearer &lt;operator token&gt;</c> (scripts, tools), or from a browser signed in through
/// <c>/login</c> whose session cookie arrives with the console's own <c>Origin</c>. A POST from another origin
/// is refused whatever it carries: a SameSite=Strict cookie still travels with a forged POST from another port
/// of the same host (same site), only the Origin tells them apart. The emergency stop needs no credential at
/// all (docs/safety.md): stopping the train must never wait for a login.
/// </summary>
public sealed class OperatorAccess(OperatorToken token)
{
    public const string SessionCookie = "crazytrain-operator";

    private const string SessionPurpose = "crazytrain-console-session";

    private string SessionValue => field ??= token.Derive(SessionPurpose);

    /// <summary>Null when the request may run <paramref name="action"/>; otherwise the status and reason to answer with.</summary>
    public (int Status, string Reason)? Check(HttpContext context, OperatorAction action)
    {
        var request = context.Request;
        if (!SameOrigin.Allows(request))
        {
            return (StatusCodes.Status403Forbidden,
                $"Refused: the request comes from {request.Headers.Origin}, not from this console's own page.");
        }

        if (action.OpenToEveryone || (OperatorToken.BearerOf(request) is null && SignedIn(context) && SameOrigin.IsOwnPage(request)))
        {
            return null;
        }

        return token.Refusal(request) is { } refusal
            ? (StatusCodes.Status401Unauthorized, $"{refusal} Or sign in to this console with its login link.")
            : null;
    }

    /// <summary>Whether this browser holds a valid session cookie (the page cannot read it: it is HttpOnly).</summary>
    public bool SignedIn(HttpContext context) =>
        OperatorToken.SameSecret(SessionValue, context.Request.Cookies[SessionCookie]);

    /// <summary>Checks a token presented at <c>/login</c> and, when right, gives the browser its session cookie.</summary>
    public bool SignIn(HttpContext context, string? presented)
    {
        if (!token.Matches(presented))
        {
            return false;
        }

        context.Response.Cookies.Append(SessionCookie, SessionValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            // Behind the cluster's TLS-terminating Route the request arrives as http; the browser saw https.
            Secure = context.Request.IsHttps || string.Equals(context.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase),
            Path = "/",
            IsEssential = true,
        });
        return true;
    }

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" });
}
