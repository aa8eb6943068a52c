using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Api;

/// <summary>How many detection requests over HTTP the service takes. Bound from <c>Inference:RequestLimits</c>.</summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Inference:RequestLimits";

    /// <summary>Requests one client (remote address) may make per <see cref="Window"/>.</summary>
    [Range(1, 100_000)]
    public int PerClient { get; set; } = 5;

    /// <summary>Requests all clients together may make per <see cref="Window"/>.</summary>
    [Range(1, 100_000)]
    public int Global { get; set; } = 10;

    /// <summary>The period over which the allowances above refill (a token bucket: bursts up to the allowance).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Rate limits on <c>POST /api/detect</c> and the KServe <c>infer</c> routes: per client and for everyone together,
/// 429 with <c>Retry-After</c> beyond them. The detector's time belongs to the live frames: HTTP is for tools and
/// people, and a flood of requests must not take the CPU (decoding, inference) the train's perception needs.
/// Nothing else of the service is limited (health, model metadata).
/// </summary>
public static class RequestLimits
{
    /// <summary>The policy the detection routes carry (<c>RequireRateLimiting</c>).</summary>
    public const string Policy = "detection-requests";

    private const string Everyone = "everyone";

    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitOptions>()
            .Bind(builder.Configuration.GetSection(RequestLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            // All clients together: checked first, and only for the routes that carry the policy.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy
                    ? RateLimitPartition.GetTokenBucketLimiter(Everyone, _ => Bucket(limits.Global, limits.Window))
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            // Each client on its own: one busy tool cannot use up everyone's allowance.
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Bucket(limits.PerClient, limits.Window)));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected.HttpContext, rejected.Lease, limits, cancellationToken);
        });
        return builder;
    }

    private static TokenBucketRateLimiterOptions Bucket(int allowance, TimeSpan window) => new()
    {
        TokenLimit = allowance,
        TokensPerPeriod = allowance,
        ReplenishmentPeriod = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease, RequestLimitOptions limits, CancellationToken cancellationToken)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            detail: $"Too many detection requests: at most {limits.PerClient} per client and {limits.Global} in all per {limits.Window.TotalSeconds:0.###} s "
                + $"(Inference:RequestLimits). Retry after {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context);
    }
}
