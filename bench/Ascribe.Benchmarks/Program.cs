using Ascribe.Benchmarks;
using BenchmarkDotNet.Running;

// --quick: the plain timed harness bench/run uses; anything else goes to BenchmarkDotNet
// (for example: --filter '*Tokenizer*').
if (args.Contains("--quick"))
{
    return QuickHarness.Run(args);
}

// --linguistic: tokens per second of the tagger, recognizer and parser, and model load time (bench/linguistic).
if (args.Contains("--linguistic"))
{
    return LinguisticHarness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run(args);
return 0;
