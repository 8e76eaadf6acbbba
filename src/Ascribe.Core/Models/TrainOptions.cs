namespace Ascribe.Core.Models;

/// <summary>Settings shared by the trainers.</summary>
public sealed record TrainOptions
{
    public int Iterations { get; init; } = 8;

    /// <summary>Seed of the shuffling between iterations; the same data and seed give the same model file.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Averaged weights smaller than this in magnitude are dropped from the saved model.</summary>
    public float Prune { get; init; } = 0.01f;

    /// <summary>Receives one line of progress per iteration (dev scores when dev data is given).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives, after each iteration, a writer of the model averaged so far (so a long run can be stopped early).</summary>
    public Action<Action<Stream>>? Checkpoint { get; init; }
}
