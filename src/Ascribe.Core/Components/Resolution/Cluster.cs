using Ascribe.Core.Documents;

namespace Ascribe.Core.Components.Resolution;

/// <summary>The working form of an entity while a document is being resolved.</summary>
internal sealed class Cluster
{
    public Cluster(int order, string name, SourceType type)
    {
        Order = order;
        Name = name;
        Type = type;
    }

    /// <summary>Creation order; ties in output order are broken by it.</summary>
    public int Order { get; }

    public string Name
    {
        get => _name;
        set
        {
            _name = value;
            Named?.Invoke(this, value);
        }
    }

    private string _name = string.Empty;

    /// <summary>Called with every name the cluster takes and every alias added to it (the run's name index listens).</summary>
    public Action<Cluster, string>? Named { get; set; }

    public SourceType Type { get; set; }

    /// <summary>True when the cluster was named in the text (not only described or referred to).</summary>
    public bool HasName { get; set; }

    public Gender Gender { get; set; }

    public bool Plural { get; set; }

    /// <summary>Whether an unnamed cluster is a person or group of people (it can be "he", "she" or "they").</summary>
    public bool Animate { get; set; }

    /// <summary>True when an attribution, cite or venue points at it (only those are written out).</summary>
    public bool Referenced { get; set; }

    public List<string> Aliases { get; } = new();

    public List<string> Descriptions { get; } = new();

    public List<TextSpan> Mentions { get; } = new();

    /// <summary>How often the cluster was mentioned by name (not by pronoun or description).</summary>
    public int NameMentions { get; set; }

    public List<Cluster> Members { get; } = new();

    /// <summary>The writer of the article ("I", "we" outside quotes); never the referent of "he", "she" or "they".</summary>
    public bool IsAuthor { get; set; }

    public bool IsPersonLike => Type == SourceType.Person || (Animate && Type is SourceType.Anonymous or SourceType.Unknown);

    public void AddAlias(string text)
    {
        if (text.Length > 0 && !Aliases.Contains(text, StringComparer.Ordinal) && text != Name)
        {
            Aliases.Add(text);
            Named?.Invoke(this, text);
        }
    }

    public void AddDescription(string text)
    {
        string t = text.Trim();
        if (t.Length > 0 && !Descriptions.Contains(t, StringComparer.OrdinalIgnoreCase))
        {
            Descriptions.Add(t);
        }
    }

    private readonly HashSet<TextSpan> _mentionSet = new();

    public void AddMention(TextSpan span)
    {
        if (_mentionSet.Add(span))
        {
            Mentions.Add(span);
        }
    }
}
