using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Protocol;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>
/// Talks LWP3 to one City hub over any <see cref="IHubLink"/>: runs the connect sequence, keeps the hub's reported
/// state (<see cref="Status"/>), sends motor and light commands and waits for their feedback. Every request has
/// a timeout. <see cref="RunAsync"/> keeps the hub connected, reconnecting with backoff and re-applying the
/// intended motor power and light after every reconnect.
/// </summary>
public sealed partial class HubClient : IAsyncDisposable
{
    private readonly IHubLink _link;
    private readonly HubClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, IoType> _attached = [];
    private readonly Dictionary<HubProperty, List<TaskCompletionSource<HubPropertyMessage>>> _propertyWaiters = [];
    private readonly Dictionary<byte, TaskCompletionSource<PortFeedback>> _pendingCommands = [];
    private readonly Dictionary<byte, SemaphoreSlim> _portLocks = [];
    private HubStatus _status = new();
    private TaskCompletionSource _connectionLost = NewSignal();
    private sbyte? _intendedMotorPower;
    private byte? _intendedLight;
    private long _malformed;
    private long _genericErrors;
    private long _timeouts;
    private long _linkLosses;
    private long _reconnects;

    public HubClient(IHubLink link, HubClientOptions options, TimeProvider time, ILogger<HubClient> logger)
    {
        _link = link;
        _options = options;
        _time = time;
        _logger = logger;
        _link.Received += OnReceived;
        _link.Lost += OnLost;
    }

    /// <summary>Raised after every change of <see cref="Status"/>, on the thread that changed it.</summary>
    public event Action<HubStatus>? StatusChanged;

    public HubStatus Status { get { lock (_gate) { return _status; } } }

    public HubCounters Counters => new(
        Interlocked.Read(ref _malformed),
        Interlocked.Read(ref _genericErrors),
        Interlocked.Read(ref _timeouts),
        Interlocked.Read(ref _linkLosses),
        Interlocked.Read(ref _reconnects));

    public string LinkDescription => _link.Description;

    /// <summary>The motor power last asked for; applied again after every reconnect.</summary>
    public sbyte? IntendedMotorPower { get { lock (_gate) { return _intendedMotorPower; } } }

    /// <summary>What is still true when the link is gone: the last name and battery reading; nothing about outputs.</summary>
    private static HubStatus Disconnected(HubStatus s, string? error) => s with
    {
        State = HubConnectionState.Disconnected,
        Rssi = null,
        MotorPower = null,
        MotorBraking = false,
        LightBrightness = null,
        ButtonPressed = false,
        LastError = error,
    };

    private void SetStatus(Func<HubStatus, HubStatus> change)
    {
        HubStatus next;
        lock (_gate)
        {
            next = change(_status);
            if (next == _status)
            {
                return;
            }

            _status = next;
        }

        StatusChanged?.Invoke(next);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _link.Received -= OnReceived;
        _link.Lost -= OnLost;
        FailWaiters(new ObjectDisposedException(nameof(HubClient)));
        await _link.DisposeAsync().ConfigureAwait(false);
        foreach (var portLock in _portLocks.Values)
        {
            portLock.Dispose();
        }
    }
}
