using CrazyTrain.Training.Factory;
using CrazyTrain.Training.Training;

namespace CrazyTrain.Training.Tests;

public class ModelReadmeTests
{
    [Fact]
    public void The_reproduce_command_keeps_the_recipe_and_drops_the_build_machine_s_folders()
    {
        var command = ModelReadme.ReproduceCommand(
            "crazytrain-training build-model --from-shipped --data /work/data17 --train-count 3000 --run /work/ft2/run --model /work/ft2/m.onnx --card /work/ft2/README.md --fine-tune-minutes 62");

        Assert.Equal("dotnet run -c Release --project src/CrazyTrain.Training -- build-model --from-shipped --train-count 3000 --fine-tune-minutes 62", command);
    }

    [Fact]
    public void The_reproduce_command_names_the_model_it_continued_from_not_the_build_machine_s_file()
    {
        var start = new StartingModel("/work/main/models/crazytrain-signs.onnx", "crazytrain-signs", "1.6.0", "sha256:0f01", "2026-12-06T00:46:06Z", "62b16ff", 0.93);
        var command = ModelReadme.ReproduceCommand(
            "crazytrain-training build-model --init-from-onnx /work/main/models/crazytrain-signs.onnx --data /work/data21 --readers 2", start);

        Assert.Equal("dotnet run -c Release --project src/CrazyTrain.Training -- build-model --init-from-onnx crazytrain-signs-1.6.0.onnx --readers 2", command);
    }
}
