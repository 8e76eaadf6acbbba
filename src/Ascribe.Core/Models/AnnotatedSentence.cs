namespace Ascribe.Core.Models;

/// <summary>
/// One sentence of training or gold data: words with character offsets into their article, POS
/// tags, lemmas, named-entity labels (PERSON, ORGANIZATION, LOCATION, MISC or O) and a
/// dependency tree (<see cref="Heads"/> 0-based within the sentence, -1 for the root).
/// </summary>
public sealed class AnnotatedSentence
{
    public AnnotatedSentence(int count)
    {
        Words = new string[count];
        Starts = new int[count];
        Ends = new int[count];
        Lemmas = new string[count];
        Tags = new string[count];
        Entities = new string[count];
        Heads = new int[count];
        Labels = new string[count];
        SpaceBefore = new bool[count];
        SpaceAfter = new bool[count];
    }

    public int Count => Words.Length;

    public string[] Words { get; }

    public int[] Starts { get; }

    public int[] Ends { get; }

    public string[] Lemmas { get; }

    public string[] Tags { get; }

    public string[] Entities { get; }

    public int[] Heads { get; }

    public string[] Labels { get; }

    public bool[] SpaceBefore { get; }

    public bool[] SpaceAfter { get; }
}
