using CrazyTrain.Twin;
using CrazyTrain.Twin.Api;
using CrazyTrain.Twin.Camera;
using CrazyTrain.Twin.Episodes.Command;
using CrazyTrain.Twin.Episodes.Sightings;
using CrazyTrain.Twin.HubLink;

// `episodes --count N --seed S --output FILE`: run the whole app through seeded episodes (docs/twin.md "Episodes").
if (EpisodesCommand.IsInvoked(args))
{
    return await EpisodesCommand.RunAsync(args[1..]);
}

// `sightings --seed S --count N --output FILE`: each episode's lap through the model, offline (docs/twin.md "Sightings").
if (SightingsCommand.IsInvoked(args))
{
    return SightingsCommand.Run(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTwin();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTwinApi();
app.MapTwinMapApi();
app.MapEpisodeApi();
app.MapCameraStream();
app.MapHubLinkDrop();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
