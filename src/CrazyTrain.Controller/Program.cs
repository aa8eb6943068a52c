using CrazyTrain.Controller;
using CrazyTrain.Controller.Api;
using CrazyTrain.Controller.Hosting;
using CrazyTrain.Messaging;

// Before any Kafka or host thread allocates: bounded native memory (MallocArenas).
MallocArenas.Cap();
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainMessaging();
builder.AddTrainController();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTrainApi();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
