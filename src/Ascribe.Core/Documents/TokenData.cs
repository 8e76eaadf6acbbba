namespace Ascribe.Core.Documents;

/// <summary>
/// The stored form of one token. Offsets are into the original text; <see cref="NormStart"/> and
/// <see cref="NormEnd"/> into <see cref="Document.Normalized"/>. Later components fill the
/// linguistic fields; they stay null (or -1 for <see cref="Head"/>) until then.
/// </summary>
public struct TokenData
{
    public int Start;
    public int End;
    public int NormStart;
    public int NormEnd;
    public TokenKind Kind;
    /// <summary>True when whitespace follows the token in the original text.</summary>
    public bool SpaceAfter;
    /// <summary>Index of the sentence that holds the token, or -1 before sentence splitting.</summary>
    public int Sentence;
    /// <summary>Penn Treebank part-of-speech tag.</summary>
    public string? Tag;
    public string? Lemma;
    /// <summary>Named-entity label in BIO encoding without the prefix: PERSON, ORGANIZATION, LOCATION, MISC or O.</summary>
    public string? Ner;
    /// <summary>Index of the syntactic head token in <see cref="Document.Tokens"/>, -1 for the root or when unparsed.</summary>
    public int Head;
    public string? Dep;
}
