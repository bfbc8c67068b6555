using BenchmarkDotNet.Running;
using Monitoring.Bench.Scoring;

// dotnet run -c Release --project bench/Monitoring.Bench.Scoring              policy evaluation (bench/scoring.sh)
// dotnet run -c Release --project bench/Monitoring.Bench.Scoring -- what-if   what-if over stored plans (bench/what-if.sh)
if (args is ["what-if"])
    return await WhatIfBenchmark.RunAsync();
BenchmarkRunner.Run<PolicyEvaluationBenchmark>(args: args);
return 0;
