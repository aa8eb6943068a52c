namespace CrazyTrain.Capture.Sources;

/// <summary>A source could not be opened or stopped delivering frames; the message names the source and why.</summary>
public class FrameSourceException : Exception
{
    public FrameSourceException(string message)
        : base(message)
    {
    }

    public FrameSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A video file that does not loop reached its end: capture stops instead of retrying.</summary>
public sealed class EndOfVideoException(string message) : FrameSourceException(message);
