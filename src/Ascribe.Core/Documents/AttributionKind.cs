namespace Ascribe.Core.Documents;

/// <summary>How the content of an attribution is reported.</summary>
public enum AttributionKind
{
    /// <summary>The content is entirely inside quotation marks.</summary>
    Direct,
    /// <summary>Reported speech with no quotation marks.</summary>
    Indirect,
    /// <summary>Reported speech that quotes part of the words.</summary>
    Mixed,
    /// <summary>"according to X".</summary>
    According,
}
