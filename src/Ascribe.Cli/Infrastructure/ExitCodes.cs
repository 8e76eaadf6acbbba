namespace Ascribe.Cli.Infrastructure;

/// <summary>Process exit codes; documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Some inputs could not be processed; the rest were.</summary>
    public const int SomeFailed = 1;
    /// <summary>Bad command line.</summary>
    public const int Usage = 2;
    /// <summary>Nothing could be done: missing input, unreadable model, store error.</summary>
    public const int Fatal = 3;
}
