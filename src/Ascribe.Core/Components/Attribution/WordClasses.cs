using System.Collections.Frozen;

namespace Ascribe.Core.Components.Attribution;

/// <summary>Closed-class English words the rule extractor needs: pronouns, auxiliaries, clause boundaries.</summary>
internal static class WordClasses
{
    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> SubjectPronouns = Set("he", "she", "they", "it", "we", "i", "you", "who", "which", "that");

    public static readonly FrozenSet<string> Relatives = Set("who", "which", "that", "whom");

    public static readonly FrozenSet<string> Auxiliaries = Set(
        "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "will", "would", "could", "can", "may", "might",
        "shall", "should", "must", "did", "does", "do", "not", "n't", "never", "'s", "'ve", "'d", "'ll");

    public static readonly FrozenSet<string> Adverbs = Set(
        "also", "later", "recently", "previously", "then", "once", "again", "already", "further", "similarly", "repeatedly",
        "publicly", "privately", "frequently", "often", "reportedly", "allegedly", "openly", "explicitly", "unanimously",
        "simply", "just", "even", "still", "now", "first", "earlier", "flatly", "firmly", "strongly", "angrily", "quickly",
        "immediately", "bluntly", "candidly", "jokingly", "emphatically", "correctly", "falsely", "wrongly", "rightly",
        "initially", "subsequently", "finally", "ultimately", "has", "have", "had");

    /// <summary>Words that end a noun phrase when scanning leftwards from a cue.</summary>
    public static readonly FrozenSet<string> LeftStops = Set(
        "and", "but", "or", "nor", "because", "when", "while", "as", "if", "so", "since", "although", "though", "after",
        "before", "where", "whereas", "unless", "until", "than", "whether", "yet", "once", "what", "how", "why",
        "said", "says", "say", "told", "is", "are", "was", "were", "be", "been", "to", "not", "however", "meanwhile",
        "also", "which", "who", "that");

    /// <summary>Prepositions allowed inside a source phrase ("a spokesman for the ministry").</summary>
    public static readonly FrozenSet<string> InnerPrepositions = Set("of", "for", "at", "from", "in", "with", "on", "to");

    /// <summary>Words that cannot start the content of a reported clause right after the cue.</summary>
    public static readonly FrozenSet<string> NonClauseStarts = Set(
        "in", "on", "at", "during", "after", "before", "to", "with", "by", "from", "for", "of", "about", "via", "through",
        "over", "under", "last", "this", "yesterday", "today", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "earlier", "later", "recently", "repeatedly", "publicly", "privately", "and", "or",
        "as", "so", "up", "out", "off", "down", "back", "goodbye", "hello", "yes", "no", "nothing", "something");

    public static readonly FrozenSet<string> ClauseStartWords = Set(
        "he", "she", "they", "it", "we", "i", "you", "there", "the", "a", "an", "this", "that", "these", "those", "his", "her",
        "their", "its", "our", "my", "your", "some", "many", "most", "all", "no", "none", "every", "each", "any", "if",
        "when", "while", "because", "what", "how", "why", "whether", "one", "two", "several", "few", "only", "such",
        "mr.", "mrs.", "ms.", "dr.");

    /// <summary>Verbs whose first object is the addressee, not the content ("told reporters that ...").</summary>
    public static readonly FrozenSet<string> AddresseeVerbs = Set(
        "told", "tell", "tells", "telling", "informed", "inform", "informs", "assured", "assure", "assures", "warned", "warn",
        "warns", "reminded", "remind", "reminds", "asked", "ask", "asks", "advised", "advise", "advises", "convinced",
        "notified", "promised", "promise", "promises", "reassured", "urged", "briefed", "wrote");

    public static readonly FrozenSet<string> TimeWords = Set(
        "on", "in", "at", "during", "last", "this", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "morning", "afternoon", "evening", "night", "week", "month", "year",
        "earlier", "later", "recently", "previously", "then", "again", "too", "also", "as", "well", "a", "an", "the",
        "statement", "interview", "conference", "press", "news", "briefing", "email", "e-mail", "phone", "call", "speech",
        "remarks", "written", "with", "to", "reporters", "journalists", "told", "mid-february", "mid", "ago", "days",
        "weeks", "months", "years", "when", "asked", "about", "it", "him", "her", "them", "us", "me", "while", "for");
}
