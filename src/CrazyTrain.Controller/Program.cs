using CrazyTrain.Controller;
using CrazyTrain.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainMessaging();
builder.AddTopicConsumer<DetectionCounter>(Topics.Detections);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/api/detections/count", (DetectionCounter counter) => new { received = counter.Received });
app.Run();
