using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Micro -- --filter '*'` (BenchmarkDotNet's own options
// follow the --: `--job short` for a quick pass, `--list flat` to see the names).
BenchmarkSwitcher.FromAssembly(typeof(Mail.Micro.SmtpReceiverBenchmarks).Assembly).Run(args);
