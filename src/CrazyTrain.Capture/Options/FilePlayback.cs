namespace CrazyTrain.Capture.Options;

/// <summary>How a video file meets <see cref="CaptureOptions.Fps"/> when the two rates differ.</summary>
public enum FilePlayback
{
    /// <summary>Every file frame is published once, at <c>Fps</c>: a different rate plays the video faster or slower.</summary>
    EachFrameOnce,

    /// <summary>
    /// The video keeps its own speed and <c>Fps</c> is the rate of a camera filming it: file frames repeat (or are
    /// skipped) so the train's world moves at real time while frames flow at the camera's rate.
    /// </summary>
    RealTime,
}
