using System.Collections.Frozen;

namespace Ascribe.Core.Components.Tokenize;

/// <summary>Abbreviations that keep their final period, split by whether they can end a sentence.</summary>
internal static class Abbreviations
{
    /// <summary>Titles and similar, in any case: a period after them never ends a sentence.</summary>
    public static readonly FrozenSet<string> NeverFinal = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "sen", "rep",
        "gov", "pres", "rev", "hon", "st", "sr", "messrs", "mme", "mlle", "gens", "reps", "sens", "supt", "insp",
        "det", "cpl", "pvt", "brig", "fr", "atty", "amb", "vol", "vols", "fig", "figs", "pp", "vs", "v",
        "approx", "dept", "univ", "assn", "bros", "ave", "blvd", "rd", "mt", "ft", "cf", "e.g", "i.e", "viz",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Month names, capitalized ("Jan."): never end a sentence; "mar." or "sept." in lower case are not them.</summary>
    public static readonly FrozenSet<string> Months = new[]
    {
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// US state abbreviations as newspapers write them, capitalized ("Selma, Ala.", "R-Wis."): a
    /// dateline or party label often ends a sentence, and in lower case most are words ("ill.", "miss.").
    /// </summary>
    public static readonly FrozenSet<string> States = new[]
    {
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La",
        "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va",
        "Vt", "Wash", "Wis", "Wyo",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Abbreviations that may also end a sentence ("in the U.S." at the end of one).</summary>
    public static readonly FrozenSet<string> MaybeFinal = new[]
    {
        "inc", "corp", "co", "ltd", "llc", "plc", "jr", "etc", "al", "esq", "p.m", "a.m", "u.s", "u.k", "u.n",
        "e.u", "d.c", "n.y", "l.a", "u.s.a", "ph.d", "a.d", "b.c",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="withoutDot"/> followed by a period is an abbreviation, given the first
    /// visible character after the period (NUL at a line end): "No." and "Nos." only before a number.
    /// </summary>
    public static bool IsKnown(ReadOnlySpan<char> withoutDot, char following)
    {
        if (IsNumberSign(withoutDot))
        {
            return char.IsDigit(following);
        }

        return IsNeverFinal(withoutDot)
            || MaybeFinal.GetAlternateLookup<ReadOnlySpan<char>>().Contains(withoutDot)
            || States.GetAlternateLookup<ReadOnlySpan<char>>().Contains(withoutDot);
    }

    /// <summary>True for titles, months and "No." before a number: a period after them never ends a sentence.</summary>
    public static bool IsNeverFinal(ReadOnlySpan<char> withoutDot) =>
        IsNumberSign(withoutDot)
        || NeverFinal.GetAlternateLookup<ReadOnlySpan<char>>().Contains(withoutDot)
        || Months.GetAlternateLookup<ReadOnlySpan<char>>().Contains(withoutDot);

    private static bool IsNumberSign(ReadOnlySpan<char> word) =>
        word.Equals("no", StringComparison.OrdinalIgnoreCase) || word.Equals("nos", StringComparison.OrdinalIgnoreCase);
}
