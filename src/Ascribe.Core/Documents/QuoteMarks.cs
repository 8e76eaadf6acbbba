namespace Ascribe.Core.Documents;

/// <summary>The quotation marks Ascribe recognizes and what each can do.</summary>
public static class QuoteMarks
{
    /// <summary>All characters treated as quotation marks.</summary>
    public const string All = "\"'\u201C\u201D\u201E\u201F\u2018\u2019\u201A\u201B\u00AB\u00BB\u2039\u203A\u300C\u300D\u300E\u300F";

    public static bool IsQuote(char c) => c switch
    {
        '"' or '\'' or '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2018' or '\u2019' or '\u201A' or '\u201B'
            or '\u00AB' or '\u00BB' or '\u2039' or '\u203A' or '\u300C' or '\u300D' or '\u300E' or '\u300F' => true,
        _ => false,
    };

    /// <summary>Single-quote family (‘ ’ ‚ ‛ ‹ › and the ASCII apostrophe); the rest are double.</summary>
    public static bool IsSingle(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2039' or '\u203A' or '\u300C' or '\u300D';
}
