using System.CommandLine;
using CrazyTrain.Simulation.Samples;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

internal static partial class CommandCatalog
{
    private static Command RenderSamplesCommand()
    {
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the sample videos, sidecars and README", DefaultValueFactory = _ => new DirectoryInfo("samples") };
        var command = new Command("render-samples", "Render the capture stand-in's sample videos: runs along the track past signs (mp4v, 640x480)") { output };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(output)!.FullName;
            try
            {
                IReadOnlyList<SampleVideoResult> results = [];
                await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var tasks = SampleVideos.All.ToDictionary(v => v.Name, v => ctx.AddTask(v.Name + ".mp4", maxValue: Math.Round(v.Seconds * v.Fps)));
                        var progress = new Progress<(string Name, int Frame, int Frames)>(p => tasks[p.Name].Value = Math.Max(tasks[p.Name].Value, p.Frame));
                        results = await Task.Run(() => SampleVideos.RenderAll(dir, progress, ct), ct);
                    });
                foreach (var r in results)
                {
                    AnsiConsole.MarkupLineInterpolated($"{r.VideoPath}: {r.Frames} frames, {r.Bytes / 1024.0:0} KiB, signs: {string.Join(", ", r.Appearances.Select(a => $"{a.Kind} {a.FirstFrame}-{a.LastFrame}"))}");
                }

                return 0;
            }
            catch (IOException ex)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]render-samples failed:[/] {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
