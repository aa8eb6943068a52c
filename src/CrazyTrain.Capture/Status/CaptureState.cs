namespace CrazyTrain.Capture.Status;

/// <summary>Where capture stands; shown in <c>/api/capture</c> and health.</summary>
public enum CaptureState
{
    /// <summary>Not capturing: stopped by an operator, not started yet, or a non-looping video ended.</summary>
    Stopped,

    /// <summary>Opening the source.</summary>
    Starting,

    /// <summary>Frames flow.</summary>
    Running,

    /// <summary>The source failed; it is opened again after a backoff.</summary>
    Retrying,
}
