using CrazyTrain.Simulation.Benchmarks;

// One thread, a run past a STOP sign as the twin's camera sees it: where each renderer's frame time goes.
try
{
    return FrameProfile.Run(ProfileArguments.Parse(args));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ProfileArguments.Usage);
    return 2;
}
