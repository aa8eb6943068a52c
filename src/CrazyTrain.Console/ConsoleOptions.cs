using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console;

/// <summary>
/// The <c>Console</c> configuration section: where the services are and how fresh "live" is. Who may act is
/// <c>CrazyTrain:OperatorToken</c>, shared with the services (<see cref="Microsoft.Extensions.Hosting.OperatorTokenOptions"/>).
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Base address of the capture service; <c>http://capture</c> resolves through Aspire service discovery.</summary>
    [Required]
    public Uri CaptureUrl { get; set; } = new("http://capture");

    [Required]
    public Uri InferenceUrl { get; set; } = new("http://inference");

    [Required]
    public Uri ControllerUrl { get; set; } = new("http://controller");

    /// <summary>
    /// The twin (Simulation's world), whose map the page draws; <c>http://twin</c> when the AppHost runs one. Unset
    /// (Hardware, the edge) there is no twin and the page shows no map.
    /// </summary>
    public Uri? TwinUrl { get; set; }

    /// <summary>
    /// How old the twin's state may be before the console asks the twin again: however many browsers poll the map,
    /// the twin sees at most one request per this interval from each console process.
    /// </summary>
    public TimeSpan TwinRefresh { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A stream with no frame for this long is no longer live (the issue asks for at most 2 s).</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sent on an idle event stream so browsers and proxies see the connection is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a browser waits before reconnecting its event stream (the SSE <c>retry:</c> hint).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the one background loop asks the services for their state.</summary>
    public TimeSpan ServicePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one service call may take before the service counts as unreachable.</summary>
    public TimeSpan ServiceTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a proxied operator action may take.</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an action waits behind another operator's action before giving up with 409.</summary>
    public TimeSpan ActionQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events kept for browsers that reconnect with <c>Last-Event-ID</c>.</summary>
    [Range(16, 100_000)]
    public int ReplayCapacity { get; set; } = 1024;

    /// <summary>Orders shown (and asked of the controller).</summary>
    [Range(1, 500)]
    public int OrderHistory { get; set; } = 20;

    /// <summary>Telemetry sources shown; past this the one heard from longest ago is forgotten (issue 16: bounded state).</summary>
    [Range(1, 1000)]
    public int TelemetrySources { get; set; } = 32;

    /// <summary>
    /// Prefix of this process's Kafka consumer groups. Each console process adds its machine name and a fresh
    /// id, so every console sees every message rather than sharing them.
    /// </summary>
    [Required]
    public string ConsumerGroupPrefix { get; set; } = "console";
}

internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = new List<string>();
        Positive(options.StallAfter, nameof(options.StallAfter));
        Positive(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(options.ReconnectDelay, nameof(options.ReconnectDelay));
        Positive(options.ServicePollInterval, nameof(options.ServicePollInterval));
        Positive(options.ServiceTimeout, nameof(options.ServiceTimeout));
        Positive(options.ActionTimeout, nameof(options.ActionTimeout));
        Positive(options.ActionQueueTimeout, nameof(options.ActionQueueTimeout));
        Positive(options.TwinRefresh, nameof(options.TwinRefresh));
        foreach (var (url, setting) in new[] { (options.CaptureUrl, nameof(options.CaptureUrl)), (options.InferenceUrl, nameof(options.InferenceUrl)), (options.ControllerUrl, nameof(options.ControllerUrl)), (options.TwinUrl, nameof(options.TwinUrl)) })
        {
            if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                failures.Add($"Console:{setting} is '{url}'; expected an absolute http(s) address such as http://capture.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Console:{setting} is {value}; it must be positive.");
            }
        }
    }
}
