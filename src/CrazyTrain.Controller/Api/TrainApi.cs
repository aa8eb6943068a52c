using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Orders;
using CrazyTrain.Controller.Perception;
using CrazyTrain.LegoWireless.Client;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller.Api;

/// <summary>The operator's HTTP surface: state, order history, start, emergency stop, resume.</summary>
public static class TrainApi
{
    public const int DefaultOrderLimit = 50;

    public const int DefaultSightingLimit = 100;

    public static IEndpointRouteBuilder MapTrainApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/train", (TrainController controller, HubClient hub, IOptions<TrainModeOptions> mode) =>
            TrainView.From(controller.Policy.Snapshot, hub, mode.Value.Mode, controller.Latched));

        api.MapGet("/orders", (OrderHistory history, int? limit) =>
            Newest(limit ?? DefaultOrderLimit, history.Capacity, count => history.Newest(count)));

        // What the controller made of each detection of a known sign: why a sign in view did or did not act.
        api.MapGet("/sightings", (SightingLog sightings, int? limit, string? label) =>
            Newest(limit ?? DefaultSightingLimit, sightings.Capacity, count => sightings.Newest(count, label)));

        // Every command needs the operator token, the emergency stop included: the console holds the token and
        // its own EMERGENCY STOP button is open to whoever sees the console (docs/safety.md says why).
        var commands = api.MapGroup("/train").RequireOperatorToken();
        commands.MapPost("/start", (TrainController controller) => Answer(controller.Start()));
        commands.MapPost("/emergency-stop", (TrainController controller, HttpContext context) =>
            Answer(controller.EmergencyStop(context.Connection.RemoteIpAddress?.ToString() ?? "unknown")));
        commands.MapPost("/resume", (TrainController controller) => Answer(controller.Resume()));
        return app;
    }

    /// <summary>200 with the newest <paramref name="count"/> entries of a bounded history, or 400 when it asks for none or more than it keeps.</summary>
    private static IResult Newest<T>(int count, int capacity, Func<int, IReadOnlyList<T>> newest) =>
        count < 1 || count > capacity
            ? Results.Problem(
                detail: $"limit must be between 1 and {capacity}; it was {count}.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid limit")
            : Results.Ok(newest(count));

    /// <summary>200 with the orders given, or 409 saying why the command was refused (the train state did not allow it).</summary>
    private static IResult Answer(OperatorResult result)
    {
        var body = new OperatorAnswer(result.Accepted, result.Message, result.Orders.Select(OrderMessage.From).ToList());
        return result.Accepted ? Results.Ok(body) : Results.Conflict(body);
    }
}

public sealed record OperatorAnswer(bool Accepted, string Message, IReadOnlyList<OrderMessage> Orders);
