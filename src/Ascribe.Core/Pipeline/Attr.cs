namespace Ascribe.Core.Pipeline;

/// <summary>Names of the document attributes components require and assign.</summary>
public static class Attr
{
    public const string Normalized = "normalized";
    public const string Tokens = "tokens";
    public const string Paragraphs = "paragraphs";
    public const string Sentences = "sentences";
    public const string Quotes = "quotes";
    public const string Pos = "pos";
    public const string Lemma = "lemma";
    public const string Ner = "ner";
    public const string Dependencies = "dependencies";
    public const string Attributions = "attributions";
    public const string Speakers = "speakers";
    public const string Stance = "stance";
    public const string Audit = "audit";
}
