namespace CrazyTrain.Controller.Driving;

/// <summary>
/// The train's driving rules as a state machine, free of I/O: detections, clock ticks and operator commands go
/// in, orders and a motor setpoint come out. The clock is injected so every rule is testable without waiting.
/// Safety first: a stopped state is left only when perception is fresh, and an emergency stop only by an operator.
/// </summary>
public sealed class DrivingPolicy
{
    private readonly DrivingOptions _options;
    private readonly TimeProvider _time;
    private readonly SignWindow _window;
    private readonly Lock _gate = new();
    private DrivingState _state = DrivingState.Idle;
    private DateTimeOffset _stateSince;
    private bool _running;
    private int _cruisePower;
    private SpeedCap? _cap;
    private DateTimeOffset _stateUntil;
    private DateTimeOffset _rampStart;
    private OrderReason? _resumeReason;
    private readonly Dictionary<string, (long FrameId, DateTimeOffset CapturedAt)> _lastByCamera = [];
    private long? _lastFrameId;
    private DateTimeOffset? _lastFrameAt;
    private int _recoveryFrames;
    private string? _failSafeReason;
    private long _framesAccepted;
    private long _duplicates;
    private long _outOfOrder;
    private long _unknownLabels;
    private long _malformed;
    private long _cameraRestarts;

    public DrivingPolicy(DrivingOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _window = new SignWindow(options.WindowFrames, options.ConfirmFrames, options.Cooldown);
        _cruisePower = options.CruisePower;
        _stateSince = time.GetUtcNow();
    }

    public DrivingSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                return new DrivingSnapshot(
                    _state,
                    _stateSince,
                    _running,
                    _cruisePower,
                    _cap,
                    CurrentPower(now),
                    Setpoint(now),
                    PerceptionAlive(now),
                    _lastFrameId,
                    _lastFrameAt,
                    _state == DrivingState.FailSafeStopped ? _failSafeReason : null,
                    _state is DrivingState.EmergencyStopped or DrivingState.Halted
                        || (_state == DrivingState.FailSafeStopped && _options.RequireOperatorAfterFailSafe),
                    new PerceptionCounters(_framesAccepted, _duplicates, _outOfOrder, _unknownLabels, _malformed, _cameraRestarts));
            }
        }
    }

    /// <summary>
    /// The power byte for the motor right now: -100..100, or 127 to brake. Changes without an order while
    /// ramping, so the driver reads it on every tick.
    /// </summary>
    public sbyte MotorSetpoint
    {
        get
        {
            lock (_gate)
            {
                return Setpoint(_time.GetUtcNow());
            }
        }
    }

    /// <summary>A processed frame from perception.</summary>
    public IReadOnlyList<DrivingOrder> OnFrame(DetectionFrame frame)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var orders = new List<DrivingOrder>();
            AdvanceTime(now, orders);
            if (_lastByCamera.TryGetValue(frame.CameraId, out var last) && frame.FrameId <= last.FrameId)
            {
                if (frame.FrameId == last.FrameId)
                {
                    _duplicates++;
                    return orders;
                }

                if (frame.CapturedAt <= last.CapturedAt)
                {
                    _outOfOrder++;
                    return orders;
                }

                // Lower id but captured later: the camera restarted and counts from zero again.
                _cameraRestarts++;
                _window.ClearFrames(frame.CameraId);
            }

            _lastByCamera[frame.CameraId] = (frame.FrameId, frame.CapturedAt);
            _lastFrameId = frame.FrameId;
            _lastFrameAt = now;
            _framesAccepted++;

            var best = new Dictionary<string, double>();
            foreach (var sighting in frame.Detections)
            {
                if (!SignLabels.IsKnown(sighting.Label))
                {
                    _unknownLabels++;
                }
                else if (sighting.Confidence >= _options.MinConfidence && sighting.Confidence > best.GetValueOrDefault(sighting.Label))
                {
                    best[sighting.Label] = sighting.Confidence;
                }
            }

            var confirmed = _window.Add(frame.CameraId, best.Keys.ToHashSet(), now);
            if (_state == DrivingState.FailSafeStopped)
            {
                _recoveryFrames++;
                if (PerceptionRecovered(now) && !_options.RequireOperatorAfterFailSafe)
                {
                    LeaveStop(now, orders, reason: null);
                }
            }

            // Both speed limits confirmed by the same frame is one unsure reading of a sign (the model scores 30 and
            // 50 on it): when in doubt, the slower limit applies.
            var ambiguousLimit = confirmed.Contains(SignLabels.SpeedLimit30) && confirmed.Contains(SignLabels.SpeedLimit50);
            foreach (var label in confirmed.Where(l => !(ambiguousLimit && l == SignLabels.SpeedLimit50)))
            {
                Act(label, new OrderReason(label, best[label], frame.FrameId), now, orders);
            }

            return orders;
        }
    }

    /// <summary>Clock tick: ends holds, pauses and ramps, and stops the train when perception went stale.</summary>
    public IReadOnlyList<DrivingOrder> Tick()
    {
        lock (_gate)
        {
            var orders = new List<DrivingOrder>();
            AdvanceTime(_time.GetUtcNow(), orders);
            return orders;
        }
    }

    /// <summary>A detection message that could not be read; counted, never acted on.</summary>
    public void RecordMalformed()
    {
        lock (_gate)
        {
            _malformed++;
        }
    }

    public OperatorResult Start()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var orders = new List<DrivingOrder>();
            AdvanceTime(now, orders);
            if (_state == DrivingState.EmergencyStopped)
            {
                return new OperatorResult(false, "An emergency stop is active: resume first.", orders);
            }

            if (!PerceptionRecovered(now))
            {
                return new OperatorResult(false, $"Refusing to start without perception: {StaleReason(now)}.", orders);
            }

            if (_state is DrivingState.Cruising or DrivingState.Ramping)
            {
                return new OperatorResult(true, "Already running.", orders);
            }

            _running = true;
            _cruisePower = _options.CruisePower;
            Enter(DrivingState.Cruising, now);
            orders.Add(new DrivingOrder(now, OrderAction.Start, CappedCruise, null));
            return new OperatorResult(true, $"Started at {CappedCruise} %.", orders);
        }
    }

    /// <summary>Stops the train whatever it is doing; only <see cref="Resume"/> lifts it.</summary>
    public OperatorResult EmergencyStop()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var orders = new List<DrivingOrder>();
            AdvanceTime(now, orders);
            if (_state != DrivingState.EmergencyStopped)
            {
                Enter(DrivingState.EmergencyStopped, now);
                orders.Add(new DrivingOrder(now, OrderAction.EmergencyStop, 0, null));
            }

            return new OperatorResult(true, "Emergency stop: the train stays stopped until an operator resumes.", orders);
        }
    }

    /// <summary>Lifts an emergency stop, a no-entry halt or (when configured) a fail-safe stop.</summary>
    public OperatorResult Resume()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var orders = new List<DrivingOrder>();
            AdvanceTime(now, orders);
            switch (_state)
            {
                case DrivingState.Cruising or DrivingState.Ramping:
                    return new OperatorResult(true, "Already running.", orders);
                case DrivingState.Idle:
                    return new OperatorResult(false, "The train was never started: use start.", orders);
            }

            if (!PerceptionRecovered(now))
            {
                return new OperatorResult(false, $"Refusing to resume without perception: {StaleReason(now)}.", orders);
            }

            if (!_running)
            {
                // An emergency stop before the first start: clearing it leaves the train idle.
                Enter(DrivingState.Idle, now);
                orders.Add(new DrivingOrder(now, OrderAction.Resume, 0, null));
                return new OperatorResult(true, "Emergency stop cleared; the train was never started.", orders);
            }

            LeaveStop(now, orders, reason: null);
            return new OperatorResult(true, $"Resumed at {CappedCruise} %.", orders);
        }
    }

    private void Act(string label, OrderReason reason, DateTimeOffset now, List<DrivingOrder> orders)
    {
        switch (label)
        {
            case SignLabels.SpeedLimit30 or SignLabels.SpeedLimit50:
                var cap = new SpeedCap(label, label == SignLabels.SpeedLimit30 ? _options.SpeedLimit30Power : _options.SpeedLimit50Power);
                if (cap != _cap && _state != DrivingState.EmergencyStopped)
                {
                    _cap = cap;
                    orders.Add(new DrivingOrder(now, OrderAction.Limit, CurrentPower(now), reason));
                }

                break;
            case SignLabels.NoEntry when _state is DrivingState.Cruising or DrivingState.Ramping or DrivingState.StopHold or DrivingState.DangerPause:
                Enter(DrivingState.Halted, now);
                orders.Add(new DrivingOrder(now, OrderAction.Halt, 0, reason));
                break;
            case SignLabels.Stop when _state is DrivingState.Cruising or DrivingState.Ramping or DrivingState.DangerPause:
                Enter(DrivingState.StopHold, now);
                _stateUntil = now + _options.StopHold;
                _resumeReason = reason;
                orders.Add(new DrivingOrder(now, OrderAction.Stop, 0, reason));
                break;
            case SignLabels.Danger when _state is DrivingState.Cruising or DrivingState.Ramping:
                Enter(DrivingState.DangerPause, now);
                _stateUntil = now + _options.DangerPause;
                _resumeReason = reason;
                orders.Add(new DrivingOrder(now, OrderAction.Danger, 0, reason));
                break;
        }
    }

    private void AdvanceTime(DateTimeOffset now, List<DrivingOrder> orders)
    {
        if (_state is DrivingState.Cruising or DrivingState.Ramping or DrivingState.StopHold or DrivingState.DangerPause
            && !PerceptionAlive(now))
        {
            // Never a train left running, or about to resume, without perception.
            _failSafeReason = StaleReason(now);
            _recoveryFrames = 0;
            Enter(DrivingState.FailSafeStopped, now);
            orders.Add(new DrivingOrder(now, OrderAction.FailSafeStop, 0, null));
            return;
        }

        if (_state == DrivingState.StopHold && now >= _stateUntil)
        {
            Enter(DrivingState.Cruising, now);
            orders.Add(new DrivingOrder(now, OrderAction.Resume, CappedCruise, _resumeReason));
        }
        else if (_state == DrivingState.DangerPause && now >= _stateUntil)
        {
            Enter(_options.RampDuration > TimeSpan.Zero ? DrivingState.Ramping : DrivingState.Cruising, now);
            _rampStart = now;
            orders.Add(new DrivingOrder(now, OrderAction.Resume, CappedCruise, _resumeReason));
        }
        else if (_state == DrivingState.Ramping && now >= _rampStart + _options.RampDuration)
        {
            Enter(DrivingState.Cruising, now);
        }
    }

    private void LeaveStop(DateTimeOffset now, List<DrivingOrder> orders, OrderReason? reason)
    {
        Enter(DrivingState.Cruising, now);
        orders.Add(new DrivingOrder(now, OrderAction.Resume, CappedCruise, reason));
    }

    private void Enter(DrivingState state, DateTimeOffset now)
    {
        _state = state;
        _stateSince = now;
    }

    private bool PerceptionAlive(DateTimeOffset now) =>
        _lastFrameAt is { } at && now - at < _options.PerceptionTimeout;

    /// <summary>Alive, and after a fail-safe stop also enough frames in a row to trust it again.</summary>
    private bool PerceptionRecovered(DateTimeOffset now) =>
        PerceptionAlive(now) && (_state != DrivingState.FailSafeStopped || _recoveryFrames >= _options.RecoveryFrames);

    private string StaleReason(DateTimeOffset now) => _lastFrameAt is { } at
        ? now - at >= _options.PerceptionTimeout
            ? $"no detections for {(now - at).TotalSeconds:0.0} s (last frame {_lastFrameId})"
            : $"perception came back but only {_recoveryFrames} of {_options.RecoveryFrames} frames arrived since"
        : "no detections received yet";

    private int CappedCruise => Math.Min(_cruisePower, _cap?.Power ?? 100);

    private int CurrentPower(DateTimeOffset now) => _state switch
    {
        DrivingState.Cruising => CappedCruise,
        DrivingState.Ramping => RampPower(now),
        _ => 0,
    };

    private int RampPower(DateTimeOffset now)
    {
        var fraction = Math.Clamp((now - _rampStart) / _options.RampDuration, 0, 1);
        return Math.Max(1, (int)Math.Round(CappedCruise * fraction));
    }

    private sbyte Setpoint(DateTimeOffset now) => _state switch
    {
        DrivingState.Idle => LegoWirelessPower.Float,
        DrivingState.Cruising or DrivingState.Ramping => (sbyte)CurrentPower(now),
        _ => LegoWirelessPower.Brake,
    };
}
