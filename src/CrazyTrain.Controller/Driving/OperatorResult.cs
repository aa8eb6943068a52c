namespace CrazyTrain.Controller.Driving;

/// <summary>The answer to an operator command: accepted or not (and why), and the orders it produced.</summary>
public sealed record OperatorResult(bool Accepted, string Message, IReadOnlyList<DrivingOrder> Orders);
