using System.Collections.Frozen;

namespace Ascribe.Core.Errors;

/// <summary>The catalogue of error codes and their message templates.</summary>
public static class ErrorCodes
{
    public const string PipelineOrder = "ASC0001";
    public const string ComponentFailed = "ASC0002";
    public const string ModelMissing = "ASC0003";
    public const string ModelCorrupt = "ASC0004";
    public const string BadInput = "ASC0005";
    public const string BadAnnotation = "ASC0006";
    public const string ResourceMissing = "ASC0007";
    public const string Store = "ASC0008";

    private static readonly FrozenDictionary<string, string> Templates = new Dictionary<string, string>
    {
        [PipelineOrder] = "Component '{0}' requires '{1}', which no earlier component assigns.",
        [ComponentFailed] = "Component '{0}' failed on document '{1}': {2}",
        [ModelMissing] = "Model file '{0}' was not found. {1}",
        [ModelCorrupt] = "Model file '{0}' is not a valid Ascribe model: {1}",
        [BadInput] = "{0}: {1}",
        [BadAnnotation] = "{0}, line {1}: {2}",
        [ResourceMissing] = "Embedded resource '{0}' is missing from the build.",
        [Store] = "Store error: {0}",
    }.ToFrozenDictionary();

    public static string Message(string code) => Templates[code];
}
