namespace CrazyTrain.Controller.Driving;

public enum DrivingState
{
    /// <summary>Not started yet (or never started since an emergency stop): motor off.</summary>
    Idle,

    Cruising,

    /// <summary>Braked at a stop sign; resumes the previous cruise when the hold ends.</summary>
    StopHold,

    /// <summary>Braked at a no-entry sign until an operator resumes.</summary>
    Halted,

    /// <summary>Braked at a danger sign for the pause, then ramping.</summary>
    DangerPause,

    /// <summary>Ramping back to the capped cruise after a danger pause.</summary>
    Ramping,

    /// <summary>Stopped because perception went stale; resumes when it is back (and an operator agrees, if configured).</summary>
    FailSafeStopped,

    /// <summary>Stopped by an operator; nothing but an operator's resume moves the train again.</summary>
    EmergencyStopped,
}
