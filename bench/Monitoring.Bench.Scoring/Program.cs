using BenchmarkDotNet.Running;
using Monitoring.Bench.Scoring;

// dotnet run -c Release --project bench/Monitoring.Bench.Scoring  (see bench/README.md)
BenchmarkRunner.Run<PolicyEvaluationBenchmark>(args: args);
