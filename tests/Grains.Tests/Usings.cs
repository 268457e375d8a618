global using SglangCi.Grains.Tests.Infrastructure;

// Runs drive real in-process servers and share two CPU cores with the build: one test class at a time
// keeps timings meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
