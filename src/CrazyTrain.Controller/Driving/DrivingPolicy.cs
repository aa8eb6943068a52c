using CrazyTrain.Controller.Perception;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Driving;

/// <summary>
/// The train's driving rules as a state machine, free of I/O: detections, clock ticks and operator commands go
/// in, orders and a motor setpoint come out. Frames pass the <see cref="PerceptionGate"/> first (order, freshness,
/// debouncing); the rules here only say what each confirmed sign means for the train (<see cref="SignRule"/>).
/// The clock is injected so every rule is testable without waiting. Safety first: a stopped state is left only
/// when perception is fresh, and an emergency stop only by an operator.
/// </summary>
public sealed class DrivingPolicy
{
    private readonly DrivingOptions _options;
    private readonly TimeProvider _time;
    private readonly PerceptionGate _perception;
    private readonly Lock _lock = new();
    private DrivingState _state = DrivingState.Idle;
    private DateTimeOffset _stateSince;
    private bool _running;
    private int _cruisePower;
    private SpeedCap? _cap;
    private DateTimeOffset _stateUntil;
    private DateTimeOffset _rampStart;
    private OrderReason? _resumeReason;
    private string? _failSafeReason;
    private (SignClass Sign, OrderReason Reason)? _heldSign;

    /// <param name="sightings">Where each known sign's detection goes with what the gate made of it (<c>GET /api/sightings</c>); none when null.</param>
    public DrivingPolicy(DrivingOptions options, TimeProvider time, SightingLog? sightings = null)
    {
        _options = options;
        _time = time;
        _perception = new PerceptionGate(options, sightings);
        _cruisePower = options.CruisePower;
        _stateSince = time.GetUtcNow();
    }

    public DrivingSnapshot Snapshot
    {
        get
        {
            lock (_lock)
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
                    _perception.IsFresh(now),
                    _perception.LastFrameId,
                    _perception.LastFrameAt,
                    _state == DrivingState.FailSafeStopped ? _failSafeReason : null,
                    _state is DrivingState.EmergencyStopped or DrivingState.Halted
                        || (_state == DrivingState.FailSafeStopped && _options.RequireOperatorAfterFailSafe),
                    _perception.Counters,
                    _perception.UnknownLabelShare);
            }
        }
    }

    /// <summary>
    /// What the motor should do right now. Changes without an order while ramping, so the driver reads it on
    /// every tick.
    /// </summary>
    public MotorSetpoint MotorSetpoint
    {
        get
        {
            lock (_lock)
            {
                return Setpoint(_time.GetUtcNow());
            }
        }
    }

    /// <summary>A processed frame from perception.</summary>
    public IReadOnlyList<DrivingOrder> OnFrame(DetectionFrame frame)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var orders = new List<DrivingOrder>();
            AdvanceTime(now, orders);
            if (!_perception.TryAdmit(frame, now, out var confirmed))
            {
                return orders;
            }

            // Two speed caps confirmed by the same frame is one unsure reading of a sign (the model scores 30 and
            // 50 on it): when in doubt, the slower cap (first by priority) applies and the other is dropped, latched
            // with it when it was obeyed. Only an obeyed sign latches; any other confirms again on the next frame.
            var slowerCap = confirmed.FirstOrDefault(c => c.Sign.Rule == SignRule.SpeedCap).Sign;
            var slowerCapObeyed = false;
            foreach (var (sign, confidence) in confirmed)
            {
                var obeyed = sign.Rule == SignRule.SpeedCap && sign != slowerCap
                    ? slowerCapObeyed
                    : Act(sign, new OrderReason(sign.Label, confidence, frame.FrameId), now, orders);
                if (sign == slowerCap)
                {
                    slowerCapObeyed = obeyed;
                }

                if (obeyed)
                {
                    _perception.Obeyed(sign, now);
                }
            }

            // After the signs, so one confirmed by this very frame is held and obeyed as the train comes back.
            if (_state == DrivingState.FailSafeStopped && PerceptionRecovered(now) && !_options.RequireOperatorAfterFailSafe)
            {
                LeaveStop(now, orders);
            }

            return orders;
        }
    }

    /// <summary>Clock tick: ends holds, pauses and ramps, and stops the train when perception went stale.</summary>
    public IReadOnlyList<DrivingOrder> Tick()
    {
        lock (_lock)
        {
            var orders = new List<DrivingOrder>();
            AdvanceTime(_time.GetUtcNow(), orders);
            return orders;
        }
    }

    /// <summary>A detection message that could not be read; counted, never acted on.</summary>
    public void RecordMalformed()
    {
        lock (_lock)
        {
            _perception.RecordMalformed();
        }
    }

    public OperatorResult Start()
    {
        lock (_lock)
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
                return new OperatorResult(false, $"Refusing to start without perception: {_perception.StaleReason(now)}.", orders);
            }

            if (_state is DrivingState.Cruising or DrivingState.Ramping)
            {
                return new OperatorResult(true, "Already running.", orders);
            }

            _running = true;
            _cruisePower = _options.CruisePower;
            _heldSign = null;
            Enter(DrivingState.Cruising, now);
            orders.Add(new DrivingOrder(now, OrderAction.Start, CappedCruise, null));
            return new OperatorResult(true, $"Started at {CappedCruise} %.", orders);
        }
    }

    /// <summary>Stops the train whatever it is doing; only <see cref="Resume"/> lifts it.</summary>
    public OperatorResult EmergencyStop()
    {
        lock (_lock)
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
        lock (_lock)
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
                return new OperatorResult(false, $"Refusing to resume without perception: {_perception.StaleReason(now)}.", orders);
            }

            if (!_running)
            {
                // An emergency stop before the first start: clearing it leaves the train idle.
                Enter(DrivingState.Idle, now);
                orders.Add(new DrivingOrder(now, OrderAction.Resume, 0, null));
                return new OperatorResult(true, "Emergency stop cleared; the train was never started.", orders);
            }

            return LeaveStop(now, orders) is { } held
                ? new OperatorResult(true, $"Resumed, and at once obeyed the {held.Label} sign confirmed while the train stood.", orders)
                : new OperatorResult(true, $"Resumed at {CappedCruise} %.", orders);
        }
    }

    /// <summary>
    /// What a confirmed sign means for the train, by its rule in the catalogue. Returns whether the train obeyed it:
    /// acted, held it for when the train may move, or already obeys it (the same cap, a no-entry while halted at one).
    /// A sign the train could not obey now (idle, or a STOP or danger sign while it holds at a stop or pauses) is not
    /// latched, so it acts once the train runs again if it is still there, and it never blocks the next sign.
    /// </summary>
    private bool Act(SignClass sign, OrderReason reason, DateTimeOffset now, List<DrivingOrder> orders)
    {
        switch (sign.Rule)
        {
            case SignRule.SpeedCap when _state != DrivingState.EmergencyStopped:
                var cap = new SpeedCap(sign.Label, _options.CapPower(sign));
                if (cap != _cap)
                {
                    _cap = cap;
                    orders.Add(new DrivingOrder(now, OrderAction.Limit, CurrentPower(now), reason));
                }

                return true;
            case SignRule.Halt when _state is DrivingState.Cruising or DrivingState.Ramping or DrivingState.StopHold or DrivingState.DangerPause:
                Enter(DrivingState.Halted, now);
                orders.Add(new DrivingOrder(now, OrderAction.Halt, 0, reason));
                return true;
            case SignRule.Halt when _state == DrivingState.Halted:
                // A no-entry sign seen again while halted at one is the halt itself.
                return true;
            case SignRule.Stop when _state is DrivingState.Cruising or DrivingState.Ramping or DrivingState.DangerPause:
                Enter(DrivingState.StopHold, now);
                _stateUntil = now + _options.StopHold;
                _resumeReason = reason;
                orders.Add(new DrivingOrder(now, OrderAction.Stop, 0, reason));
                return true;
            case SignRule.Danger when _state is DrivingState.Cruising or DrivingState.Ramping:
                Enter(DrivingState.DangerPause, now);
                _stateUntil = now + _options.DangerPause;
                _resumeReason = reason;
                orders.Add(new DrivingOrder(now, OrderAction.Danger, 0, reason));
                return true;
            case SignRule.Halt or SignRule.Stop or SignRule.Danger
                when _state is DrivingState.FailSafeStopped or DrivingState.EmergencyStopped or DrivingState.Halted:
                // The train stands for a reason of its own and the sign latches now (it will not confirm again while
                // in view): held, and obeyed when the train may move again, or it would drive past it. The most
                // restrictive one seen wins; a less restrictive one stays unlatched and acts after it if still there.
                if (_heldSign is not { } held || Priority(sign) < Priority(held.Sign))
                {
                    _heldSign = (sign, reason);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// A stop hold or danger pause cut short by a fail-safe stop is served again, in full, when the train may move:
    /// its sign is out of view by then and would never confirm again, and resuming at once would skip the hold.
    /// </summary>
    private void HoldInterruptedSign()
    {
        if (_state is DrivingState.StopHold or DrivingState.DangerPause
            && _resumeReason is { } reason
            && SignCatalogue.Find(reason.Label) is { } sign
            && (_heldSign is not { } held || Priority(sign) < Priority(held.Sign)))
        {
            _heldSign = (sign, reason);
        }
    }

    /// <summary>Each class's rank in <see cref="SignCatalogue.ByPriority"/> by class index (0 = most urgent), built once.</summary>
    private static readonly int[] Ranks = SignCatalogue.ByPriority
        .Select((sign, rank) => (sign.ClassIndex, rank))
        .OrderBy(r => r.ClassIndex)
        .Select(r => r.rank)
        .ToArray();

    private static int Priority(SignClass sign) => Ranks[sign.ClassIndex];

    private void AdvanceTime(DateTimeOffset now, List<DrivingOrder> orders)
    {
        if (_state is DrivingState.Cruising or DrivingState.Ramping or DrivingState.StopHold or DrivingState.DangerPause
            && !_perception.IsFresh(now))
        {
            // Never a train left running, or about to resume, without perception.
            _failSafeReason = _perception.StaleReason(now);
            HoldInterruptedSign();
            _perception.StartRecovery();
            Enter(DrivingState.FailSafeStopped, now);
            orders.Add(new DrivingOrder(now, OrderAction.FailSafeStop, 0, null));
            return;
        }

        if (_state == DrivingState.FailSafeStopped && !_perception.IsFresh(now))
        {
            // The reason an operator reads is why perception cannot be trusted now, not only what tripped the
            // stop: a late frame under load may trip the rate check and the camera go silent a moment later.
            _failSafeReason = _perception.StaleReason(now);
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

    /// <summary>
    /// The train may move again: it resumes its cruise, unless a halt, stop or danger sign confirmed while it stood, which
    /// it obeys at once instead (no resume order then: the motor never turns). Returns that sign, or null.
    /// </summary>
    private SignClass? LeaveStop(DateTimeOffset now, List<DrivingOrder> orders)
    {
        Enter(DrivingState.Cruising, now);
        if (_heldSign is { } held)
        {
            _heldSign = null;
            Act(held.Sign, held.Reason, now, orders);
            return held.Sign;
        }

        orders.Add(new DrivingOrder(now, OrderAction.Resume, CappedCruise, null));
        return null;
    }

    private void Enter(DrivingState state, DateTimeOffset now)
    {
        _state = state;
        _stateSince = now;
    }

    /// <summary>Fresh, and after a fail-safe stop also enough frames in a row to trust it again.</summary>
    private bool PerceptionRecovered(DateTimeOffset now) =>
        _perception.IsFresh(now) && (_state != DrivingState.FailSafeStopped || _perception.HasRecovered);

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

    private MotorSetpoint Setpoint(DateTimeOffset now) => _state switch
    {
        DrivingState.Idle => MotorSetpoint.Coast,
        DrivingState.Cruising or DrivingState.Ramping => MotorSetpoint.Run(CurrentPower(now)),
        _ => MotorSetpoint.Brake,
    };
}
