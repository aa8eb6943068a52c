using CrazyTrain.AppHost;
using CrazyTrain.AppHost.Kafka;

var builder = DistributedApplication.CreateBuilder(args);
var mode = builder.GetTrainMode();

// The backbone: frames, detections, orders and telemetry travel over Kafka (Kafka:Broker chooses which one).
var kafka = builder.AddKafka("kafka");

// Camera (or its stand-in) -> train.frames
var capture = builder.AddProject<Projects.CrazyTrain_Capture>("capture")
    .WithTrainMode(mode)
    .WithCamera(mode)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

// train.frames -> model -> train.detections
var inference = builder.AddProject<Projects.CrazyTrain_Inference>("inference")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

// train.detections -> driving policy -> hub (or its stand-in), train.orders, train.telemetry
var controller = builder.AddProject<Projects.CrazyTrain_Controller>("controller")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
