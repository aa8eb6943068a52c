using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Twin.Camera;
using OpenCvSharp;

namespace CrazyTrain.Twin.Episodes.Sightings;

/// <summary>
/// Drives the twin's camera once round an episode's loop without the services: each frame is what the virtual camera
/// would publish at that point (<see cref="TwinScene"/>, <see cref="LiveSceneRenderer"/>, the camera's JPEG quality),
/// read by the sign model library as inference reads it, and compared with the renderer's exact sign boxes. It names
/// every false sighting the controller would act on and where, and how early each real sign is confirmed, so a
/// model's false stops in the twin can be traced to the object behind them in seconds instead of a 15-minute run.
/// </summary>
internal sealed class SightingAudit(ModelRuntime model, CameraOptions camera, double stepCm, double gatePx, string? framesFolder)
{
    /// <summary>The controller's debouncing (DrivingOptions.ConfirmFrames and WindowFrames, defaults).</summary>
    public const int ConfirmFrames = 2;

    public const int WindowFrames = 3;

    /// <summary>A detection belongs to a sign whose box it overlaps this much, or whose box (grown by half) holds its centre.</summary>
    private const double MatchIou = 0.3;

    /// <summary>Frames a false sighting may drop out for and still be the same stretch.</summary>
    private const int GapFrames = 3;

    public EpisodeSightings Run(int seed)
    {
        var plan = EpisodePlan.FromSeed(seed);
        var lineside = plan.BuildLineside();
        var layout = lineside.Layout;
        var scene = new TwinScene(plan, camera);
        using var renderer = new LiveSceneRenderer(new RenderSettings { Supersampling = camera.Supersampling });
        var quality = new ImageEncodingParam(ImwriteFlags.JpegQuality, camera.JpegQuality);
        var frames = (int)Math.Ceiling(layout.LengthCm / stepCm);

        var recent = new Queue<(HashSet<string> False, HashSet<int> True)>();
        var open = new Dictionary<string, Stretch>(StringComparer.Ordinal);
        var closed = new List<Stretch>();
        var confirmed = new Dictionary<int, (double BeforeCm, double WidthPx)>();
        for (var i = 0; i < frames; i++)
        {
            var odometer = plan.StartCm + (i * stepCm);
            using var frame = renderer.Render(scene.At(odometer, i + 1));
            Cv2.ImEncode(".jpg", frame.Image, out var jpeg, quality);
            var detections = model.Detect(jpeg, strict: true, threshold: null).Detections;

            var falseNow = new HashSet<string>(StringComparer.Ordinal);
            var trueNow = new HashSet<int>();
            var best = new Dictionary<string, (Detection Detection, string Cause)>(StringComparer.Ordinal);
            foreach (var detection in detections.Where(d => d.Box.Width >= gatePx))
            {
                var under = Under(detection, frame.Signs);
                if (under is { IsTarget: true } sign && sign.Label == detection.Label)
                {
                    trueNow.Add(sign.SignIndex);
                    continue;
                }

                falseNow.Add(detection.Label);
                var cause = under is null ? "background" : under.IsTarget ? $"misread {under.Label}" : $"distractor {under.KindName}";
                if (!best.TryGetValue(detection.Label, out var kept) || detection.Confidence > kept.Detection.Confidence)
                {
                    best[detection.Label] = (detection, cause);
                }
            }

            recent.Enqueue((falseNow, trueNow));
            if (recent.Count > WindowFrames)
            {
                recent.Dequeue();
            }

            var here = layout.Wrap(odometer);
            foreach (var index in trueNow.Where(index => !confirmed.ContainsKey(index) && recent.Count(r => r.True.Contains(index)) >= ConfirmFrames))
            {
                var sign = lineside.Signs[index];
                var before = sign.PositionCm - here;
                confirmed[index] = (before < 0 ? before + layout.LengthCm : before, detections.Where(d => d.Label == sign.Label).Max(d => (double)d.Box.Width));
            }

            foreach (var (label, (detection, cause)) in best)
            {
                if (recent.Count(r => r.False.Contains(label)) < ConfirmFrames)
                {
                    continue;
                }

                if (!open.TryGetValue(label, out var stretch))
                {
                    var next = lineside.NextAhead(odometer, s => s.IsTarget);
                    stretch = open[label] = new Stretch(label, here, i, next?.Sign.Label, next?.DistanceCm);
                }

                stretch.Extend(here, i, detection, cause, jpeg);
            }

            foreach (var gone in open.Values.Where(s => i - s.LastFrame > GapFrames).ToList())
            {
                closed.Add(gone);
                open.Remove(gone.Label);
            }
        }

        closed.AddRange(open.Values);
        var falseSightings = closed.OrderBy(s => s.FirstFrame).Select(s => s.ToSighting(Save(seed, s))).ToList();
        var targets = lineside.Signs
            .Select((sign, index) => (sign, index))
            .Where(p => p.sign.IsTarget)
            .Select(p => confirmed.TryGetValue(p.index, out var c)
                ? new TargetSighting(p.sign.Label, p.sign.PositionCm, Math.Round(c.BeforeCm, 1), Math.Round(c.WidthPx, 1))
                : new TargetSighting(p.sign.Label, p.sign.PositionCm, null, null))
            .ToList();
        return new EpisodeSightings(seed, plan.Style, plan.Layout, frames, targets, falseSightings);
    }

    /// <summary>The sign under a detection: the best-overlapping one, or one whose box grown by half holds its centre (small boxes overlap little).</summary>
    private static SignObservation? Under(Detection detection, IReadOnlyList<SignObservation> signs)
    {
        var box = detection.Box;
        var (cx, cy) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        return signs
            .Select(s => (Sign: s, Iou: Overlap.IntersectionOverUnion(box.X, box.Y, box.Right, box.Bottom, (float)s.Box.X, (float)s.Box.Y, (float)s.Box.Right, (float)s.Box.Bottom)))
            .Where(p => p.Iou >= MatchIou || Holds(p.Sign.Box, cx, cy))
            .OrderByDescending(p => p.Iou)
            .Select(p => p.Sign)
            .FirstOrDefault();
    }

    private static bool Holds(PixelBox box, double x, double y) =>
        x >= box.X - (box.Width / 4) && x <= box.Right + (box.Width / 4) && y >= box.Y - (box.Height / 4) && y <= box.Bottom + (box.Height / 4);

    private string? Save(int seed, Stretch stretch)
    {
        if (framesFolder is null || stretch.Jpeg is null)
        {
            return null;
        }

        Directory.CreateDirectory(framesFolder);
        var path = Path.Combine(framesFolder, $"seed{seed}-{stretch.Label}-{stretch.FromCm:0}cm.jpg");
        File.WriteAllBytes(path, stretch.Jpeg);
        return path;
    }

    /// <summary>One false sighting as it grows frame by frame; keeps its most confident frame.</summary>
    private sealed class Stretch(string label, double fromCm, int firstFrame, string? nextSign, double? nextSignCm)
    {
        private double _toCm;
        private int _frames;
        private Detection? _best;
        private string _cause = "background";

        public string Label => label;

        public double FromCm => fromCm;

        public int FirstFrame => firstFrame;

        public int LastFrame { get; private set; }

        public byte[]? Jpeg { get; private set; }

        public void Extend(double atCm, int frame, Detection detection, string cause, byte[] jpeg)
        {
            _toCm = atCm;
            LastFrame = frame;
            _frames++;
            if (_best is null || detection.Confidence > _best.Confidence)
            {
                (_best, _cause, Jpeg) = (detection, cause, jpeg);
            }
        }

        public FalseSighting ToSighting(string? frameFile) => new(
            label, _cause, Math.Round(fromCm, 1), Math.Round(_toCm, 1), _frames, Math.Round(_best?.Confidence ?? 0, 3),
            Math.Round(_best?.Box.Width ?? 0, 1), nextSign, nextSignCm is { } d ? Math.Round(d, 1) : null, frameFile);
    }
}
