namespace Ascribe.Core.Errors;

/// <summary>An error with a stable code from <see cref="ErrorCodes"/>; its message is meant for a person.</summary>
public sealed class AscribeException : Exception
{
    public AscribeException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    public string Code { get; }

    /// <summary>The pipeline component that failed, when one did.</summary>
    public string? Component { get; init; }

    /// <summary>The document being processed, when known.</summary>
    public string? DocumentId { get; init; }
}
