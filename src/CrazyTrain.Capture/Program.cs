using CrazyTrain.Capture;
using CrazyTrain.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainMessaging();
builder.Services.AddHostedService<TestCardPublisher>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
