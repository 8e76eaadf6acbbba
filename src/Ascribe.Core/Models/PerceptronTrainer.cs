namespace Ascribe.Core.Models;

/// <summary>
/// Averaged perceptron over hashed features (Collins 2002; the lazy averaging of Honnibal's
/// tagger). Rows are sparse: a feature stores weights only for classes it was ever updated for.
/// Not thread-safe; used only while training.
/// </summary>
internal sealed class PerceptronTrainer
{
    private readonly Dictionary<ulong, Row> _rows = new();

    public PerceptronTrainer(int classCount)
    {
        ClassCount = classCount;
    }

    public int ClassCount { get; }

    /// <summary>Number of training instances seen; the averaging clock.</summary>
    public int Clock { get; private set; }

    public int FeatureCount => _rows.Count;

    /// <summary>Adds the current (not averaged) weights of <paramref name="features"/> to <paramref name="scores"/>.</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        foreach (ulong f in features)
        {
            if (_rows.TryGetValue(f, out var row))
            {
                for (int j = 0; j < row.Count; j++)
                {
                    scores[row.Cells[j].Class] += row.Cells[j].Weight;
                }
            }
        }
    }

    /// <summary>Advances the clock by one instance and, when <paramref name="guess"/> is wrong, moves weight from it to <paramref name="truth"/>.</summary>
    public void Update(int truth, int guess, ReadOnlySpan<ulong> features)
    {
        Clock++;
        if (truth == guess)
        {
            return;
        }

        foreach (ulong f in features)
        {
            if (!_rows.TryGetValue(f, out var row))
            {
                row = new Row();
                _rows[f] = row;
            }

            Bump(row, truth, 1f);
            Bump(row, guess, -1f);
        }
    }

    /// <summary>Averaged weights in half precision, dropping those smaller than <paramref name="prune"/> in magnitude.</summary>
    public WeightTable Average(float prune)
    {
        var result = new List<KeyValuePair<ulong, List<(int, float)>>>(_rows.Count);
        double clock = Math.Max(1, Clock);
        foreach (var (key, row) in _rows)
        {
            var list = new List<(int, float)>();
            for (int j = 0; j < row.Count; j++)
            {
                ref var cell = ref row.Cells[j];
                double total = cell.Total + ((Clock - cell.Stamp) * (double)cell.Weight);
                // Rounded to half precision here, as the model file stores it, so a trained model
                // and the same model saved and loaded again score identically.
                float avg = (float)(Half)(total / clock);
                if (Math.Abs(avg) >= prune)
                {
                    list.Add((cell.Class, avg));
                }
            }

            if (list.Count > 0)
            {
                result.Add(new(key, list));
            }
        }

        return WeightTable.Build(result);
    }

    private void Bump(Row row, int cls, float delta)
    {
        int j = 0;
        while (j < row.Count && row.Cells[j].Class != cls)
        {
            j++;
        }

        if (j == row.Count)
        {
            if (row.Count == row.Cells.Length)
            {
                Array.Resize(ref row.Cells, row.Cells.Length * 2);
            }

            row.Cells[j] = new Cell { Class = cls, Stamp = Clock };
            row.Count++;
        }

        ref var cell = ref row.Cells[j];
        cell.Total += (Clock - cell.Stamp) * (double)cell.Weight;
        cell.Stamp = Clock;
        cell.Weight += delta;
    }

    private sealed class Row
    {
        public Cell[] Cells = new Cell[2];
        public int Count;
    }

    private struct Cell
    {
        public int Class;
        public int Stamp;
        public float Weight;
        public double Total;
    }
}
