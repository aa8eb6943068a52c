using CrazyTrain.Console.Operators;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.Tests;

/// <summary>The shared bearer check (ServiceDefaults' <see cref="OperatorToken"/>) and the console's Origin rules.</summary>
public sealed class OperatorAccessTests
{
    private static OperatorToken Token(string value) => new(Options.Create(new OperatorTokenOptions { OperatorToken = value }));

    private static HttpRequest Request(string host, string? origin = null, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = HostString.FromUriComponent(host);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context.Request;
    }

    [Fact]
    public void Tokens_match_only_when_equal()
    {
        var token = Token("s3cret-token-4242");

        Assert.True(token.Matches("s3cret-token-4242"));
        Assert.False(token.Matches("s3cret-token-4243"));
        Assert.False(token.Matches("s3cret"));
        Assert.False(token.Matches(""));
        Assert.False(token.Matches(null));
    }

    [Theory]
    [InlineData("Bearer xyz", "xyz")]
    [InlineData("bearer  xyz ", "xyz")]
    [InlineData("Basic eHl6", null)]
    [InlineData("Bearer", null)]
    [InlineData("xyz", null)]
    public void Reads_the_token_only_from_a_bearer_authorization(string authorization, string? expected) =>
        Assert.Equal(expected, OperatorToken.BearerOf(Request("localhost:5104", authorization: authorization)));

    [Fact]
    public void The_refusal_says_whether_the_token_is_missing_or_wrong()
    {
        var token = Token("s3cret-token-4242");

        Assert.Null(token.Refusal(Request("localhost", authorization: "Bearer s3cret-token-4242")));
        Assert.Contains("required", token.Refusal(Request("localhost")));
        Assert.Equal("The operator token is wrong.", token.Refusal(Request("localhost", authorization: "Bearer nope")));
    }

    [Fact]
    public void A_derived_session_value_is_stable_per_token_and_is_not_the_token()
    {
        var session = Token("s3cret-token-4242").Derive("crazytrain-console-session");

        Assert.Equal(session, Token("s3cret-token-4242").Derive("crazytrain-console-session"));
        Assert.NotEqual(session, Token("s3cret-token-4243").Derive("crazytrain-console-session"));
        Assert.DoesNotContain("s3cret", session);
    }

    [Theory]
    [InlineData("localhost:5104", "http://localhost:5104", true)]
    [InlineData("LOCALHOST:5104", "http://localhost:5104", true)]
    [InlineData("console.apps.edge", "https://console.apps.edge", true)]   // behind a TLS-terminating Route
    [InlineData("console.apps.edge", "http://console.apps.edge", true)]
    [InlineData("localhost:5104", "http://localhost:5105", false)]         // same site, another port: a forged POST
    [InlineData("console.apps.edge", "https://console.apps.edge:8443", false)]
    [InlineData("localhost:5104", "http://127.0.0.1:5104", false)]
    [InlineData("localhost:5104", "null", false)]                          // sandboxed frames and file pages
    [InlineData("localhost:5104", "ftp://localhost:5104", false)]
    public void Knows_the_consoles_own_origin(string host, string origin, bool own) =>
        Assert.Equal(own, SameOrigin.IsOwnPage(Request(host, origin)));

    [Fact]
    public void A_request_without_origin_is_not_refused_by_the_origin_rule_but_is_no_page_of_ours()
    {
        Assert.True(SameOrigin.Allows(Request("localhost:5104")));
        Assert.False(SameOrigin.IsOwnPage(Request("localhost:5104")));
        Assert.False(SameOrigin.Allows(Request("localhost:5104", "http://localhost:5105")));
    }
}
