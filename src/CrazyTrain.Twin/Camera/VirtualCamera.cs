using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Twin.World;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace CrazyTrain.Twin.Camera;

/// <summary>
/// Renders the train's view while someone watches the stream, in lock-step with the world: each frame advances the
/// train by exactly one frame interval of simulated time, then renders where it is. When rendering is slower than the
/// frame rate, simulated time slows with it (the train is never further along than the frames show), so an episode
/// stays physically honest; <see cref="CameraFeed.HeldFramesPerSecond"/> says the rate held. Never faster than real time.
/// </summary>
internal sealed class VirtualCamera(
    TwinWorld world,
    IMotorSource motor,
    CameraFeed feed,
    IOptions<CameraOptions> options,
    TimeProvider time,
    ILogger<VirtualCamera> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var camera = options.Value;
        var interval = TimeSpan.FromSeconds(1 / camera.FramesPerSecond);
        var scene = new TwinScene(world, camera);
        using var renderer = new LiveSceneRenderer(new RenderSettings { Supersampling = camera.Supersampling });
        var quality = new ImageEncodingParam(ImwriteFlags.JpegQuality, camera.JpegQuality);
        long sequence = 0;
        var visible = new HashSet<int>();
        var glimpsed = new HashSet<int>();
        var pace = new FramePace(interval);
        logger.LogInformation("Virtual camera: {Fps} frames per simulated second, supersampling {Ss}, room '{Style}'.", camera.FramesPerSecond, camera.Supersampling, camera.Style);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!feed.Watched)
            {
                // Nobody watches: the clock moves the world in real time and the CPU stays free.
                pace.Pause();
                stoppingToken.WaitHandle.WaitOne(50);
                continue;
            }

            // Never ahead of real time: frame k starts no earlier than k intervals after the stream began.
            if (pace.UntilDue() is { } wait && wait > TimeSpan.Zero && stoppingToken.WaitHandle.WaitOne(wait)) break;
            pace.Started();
            var (power, connected) = motor.Read();
            world.Advance(interval, power, connected, time.GetUtcNow());
            var snapshot = world.Snapshot();
            using (var frame = renderer.Render(scene.At(snapshot.OdometerCm, sequence + 1)))
            {
                Cv2.ImEncode(".jpg", frame.Image, out var jpeg, quality);
                var targets = frame.Signs.Where(s => s.IsTarget).Select(s => (s.Label!, s.Box.Width)).ToList();
                feed.Publish(new CameraFrame(++sequence, jpeg, snapshot.Simulated, snapshot.PositionCm, targets));
                // A glimpse goes by the box's larger side (TwinWorld.GlimpsePx: CI once saw a stop 230 ms before a box cut
                // at the frame's edge reached 8 px wide); reaction time by the rule, the first frame 12 px wide.
                NoteNewly(frame.Signs, glimpsed, TwinWorld.GlimpsePx, s => Math.Max(s.Box.Width, s.Box.Height), sequence, (label, _, _, now) => world.NoteSignGlimpsed(label, now));
                NoteNewly(frame.Signs, visible, TwinWorld.VisibleWidthPx, s => s.Box.Width, sequence, world.NoteSignVisible);
            }

            feed.HeldFramesPerSecond = Math.Min(camera.FramesPerSecond, pace.HeldFramesPerSecond);
        }
    }

    /// <summary>An event for each target sign the moment its <paramref name="size"/> first reaches <paramref name="minPx"/>, again after it left view.</summary>
    private void NoteNewly(IReadOnlyList<SignObservation> signs, HashSet<int> visible, double minPx, Func<SignObservation, double> size, long frame, Action<string, double, long, DateTimeOffset> note)
    {
        var now = signs.Where(s => s.IsTarget && size(s) >= minPx).ToList();
        foreach (var sign in now.Where(s => !visible.Contains(s.SignIndex)))
        {
            note(sign.Label!, size(sign), frame, time.GetUtcNow());
        }

        visible.Clear();
        visible.UnionWith(now.Select(s => s.SignIndex));
    }
}
