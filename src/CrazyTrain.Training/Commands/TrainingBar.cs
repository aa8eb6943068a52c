using CrazyTrain.Training.Training;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

/// <summary>One progress bar with the smoothed loss for a training verb.</summary>
internal static class TrainingBar
{
    public static T Show<T>(string name, int steps, Func<IProgress<TrainProgress>, T> run)
    {
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(name, maxValue: steps);
                result = run(new Progress<TrainProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = $"{name} (loss {p.Loss:F3})";
                }));
            });
        return result;
    }
}
