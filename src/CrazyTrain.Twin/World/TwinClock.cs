using CrazyTrain.Twin.Camera;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Twin.World;

/// <summary>
/// Moves the world forward with the clock: every tick it reads the motor power the hub holds and advances the train by
/// the real time since the last tick times <see cref="TwinOptions.TimeScale"/>. A late tick only means a longer step;
/// the physics is exact for any step, so it changes nothing about where the train ends up.
/// </summary>
internal sealed class TwinClock(TwinWorld world, IMotorSource motor, CameraFeed camera, IOptions<TwinOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scale = options.Value.TimeScale;
        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        var last = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetTimestamp();
                if (!camera.Watched)
                {
                    var (power, connected) = motor.Read();
                    world.Advance(time.GetElapsedTime(last, now) * scale, power, connected, time.GetUtcNow());
                }

                // While the camera streams it moves the world frame by frame (VirtualCamera), so frames and physics agree.
                last = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
