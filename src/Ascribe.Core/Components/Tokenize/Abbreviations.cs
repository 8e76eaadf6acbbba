using System.Collections.Frozen;

namespace Ascribe.Core.Components.Tokenize;

/// <summary>Abbreviations that keep their final period, split by whether they can end a sentence.</summary>
internal static class Abbreviations
{
    /// <summary>Titles and similar: a period after them never ends a sentence.</summary>
    public static readonly FrozenSet<string> NeverFinal = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "sen", "rep",
        "gov", "lt", "pres", "rev", "hon", "st", "sr", "messrs", "mme", "mlle", "gens", "reps", "sens", "supt", "insp",
        "det", "cpl", "pvt", "brig", "fr", "atty", "amb", "no", "nos", "vol", "vols", "fig", "figs", "pp", "vs", "v",
        "approx", "dept", "univ", "assn", "bros", "ave", "blvd", "rd", "mt", "ft", "op", "cf", "e.g", "i.e", "viz",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la",
        "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va",
        "vt", "wash", "wis", "wyo",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Abbreviations that may also end a sentence ("in the U.S." at the end of one).</summary>
    public static readonly FrozenSet<string> MaybeFinal = new[]
    {
        "inc", "corp", "co", "ltd", "llc", "plc", "jr", "etc", "al", "bros", "esq", "p.m", "a.m", "u.s", "u.k", "u.n",
        "e.u", "d.c", "n.y", "l.a", "u.s.a", "ph.d", "a.d", "b.c",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(ReadOnlySpan<char> withoutDot)
    {
        var lookup = NeverFinal.GetAlternateLookup<ReadOnlySpan<char>>();
        var lookup2 = MaybeFinal.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.Contains(withoutDot) || lookup2.Contains(withoutDot);
    }

    public static bool IsNeverFinal(ReadOnlySpan<char> withoutDot) =>
        NeverFinal.GetAlternateLookup<ReadOnlySpan<char>>().Contains(withoutDot);
}
