using CrazyTrain.Training.Factory;

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
}
