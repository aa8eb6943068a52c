using System.Net;
using CrazyTrain.Console.Operators;
using Microsoft.AspNetCore.Http;

namespace CrazyTrain.Console.Tests;

public sealed class OperatorAccessTests
{
    [Theory]
    [InlineData("http://localhost:5104", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("https://LOCALHOST:7000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://192.168.1.20:8080", false)]
    [InlineData("http://console.train.local:8080", false)]
    public void Knows_which_bound_addresses_are_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, OperatorAccess.IsLoopbackUrl(address));

    [Fact]
    public void Loopback_only_needs_every_address_on_loopback_and_a_loopback_request()
    {
        Assert.True(OperatorAccess.IsLoopbackOnly(["http://localhost:5104", "http://127.0.0.1:5105"], IPAddress.Loopback));
        Assert.False(OperatorAccess.IsLoopbackOnly(["http://localhost:5104", "http://0.0.0.0:5105"], IPAddress.Loopback));
        Assert.False(OperatorAccess.IsLoopbackOnly(["http://localhost:5104"], IPAddress.Parse("10.0.0.7")));
    }

    [Fact]
    public void Tokens_match_only_when_equal()
    {
        Assert.True(OperatorAccess.TokensMatch("s3cret-token-42", "s3cret-token-42"));
        Assert.False(OperatorAccess.TokensMatch("s3cret-token-42", "s3cret-token-43"));
        Assert.False(OperatorAccess.TokensMatch("s3cret-token-42", "s3cret"));
    }

    [Fact]
    public void Reads_the_token_from_its_header_or_a_bearer_authorization()
    {
        var header = new DefaultHttpContext();
        header.Request.Headers[OperatorAccess.TokenHeader] = " abc ";
        var bearer = new DefaultHttpContext();
        bearer.Request.Headers.Authorization = "Bearer xyz";
        var basic = new DefaultHttpContext();
        basic.Request.Headers.Authorization = "Basic eHl6";

        Assert.Equal("abc", OperatorAccess.PresentedToken(header.Request));
        Assert.Equal("xyz", OperatorAccess.PresentedToken(bearer.Request));
        Assert.Null(OperatorAccess.PresentedToken(basic.Request));
    }
}
