using CrazyTrain.LegoWireless.Client;
using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Virtual;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.Testing;

/// <summary>A hub client wired to a virtual City hub through a byte link, on a manual clock.</summary>
public sealed class HubRig : IAsyncDisposable
{
    public HubRig(VirtualHubOptions? hubOptions = null, HubClientOptions? clientOptions = null)
    {
        Time = new ManualTimeProvider();
        Hub = new VirtualCityHub(hubOptions ?? new VirtualHubOptions(), Time);
        Link = new VirtualHubLink(Hub);
        Options = clientOptions ?? new HubClientOptions();
        Client = new HubClient(Link, Options, Time, NullLogger<HubClient>.Instance);
    }

    public ManualTimeProvider Time { get; }

    public VirtualCityHub Hub { get; }

    public VirtualHubLink Link { get; }

    public HubClientOptions Options { get; }

    public HubClient Client { get; }

    public Task ConnectAsync() => Eventually.CompletesAsync(Client.ConnectAsync(CancellationToken.None), "connect");

    /// <summary>Starts a request that the hub will leave unanswered, then moves the clock past its timeout.</summary>
    public async Task<Exception> TimesOutAsync(Task request, Func<bool> sent)
    {
        await Eventually.TrueAsync(sent, "the request reached the hub");
        await Eventually.TrueAsync(() => request.IsCompleted, "the request timed out", () => Time.Advance(Options.RequestTimeout));
        return await Assert.ThrowsAnyAsync<Exception>(() => request);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Hub.Dispose();
    }
}
