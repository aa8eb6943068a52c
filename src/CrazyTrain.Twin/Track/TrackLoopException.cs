namespace CrazyTrain.Twin.Track;

/// <summary>A layout that cannot be laid or driven: it does not close, has an unknown piece, or a sign is not beside the track.</summary>
public sealed class TrackLoopException(string message) : Exception(message);
