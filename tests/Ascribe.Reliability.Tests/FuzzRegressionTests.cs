using Ascribe.Cli.Input;
using Ascribe.Core.Components.Normalize;
using Ascribe.Core.Pipeline;

namespace Ascribe.Reliability.Tests;

/// <summary>
/// Issue 9: inputs that once broke the pipeline, found by the property tests or by
/// bench/Ascribe.Fuzz, kept in tests/data/fuzz/. Each must now analyze without an exception,
/// keep every document invariant, and normalize idempotently.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "data", "fuzz");

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void FoundInput_KeepsEveryInvariant(string name)
    {
        string input = File.ReadAllText(Path.Combine(Folder, name));
        string text = input;
        if (name.EndsWith(".html", StringComparison.Ordinal))
        {
            if (!HtmlArticle.TryExtract(input, null, out text, out _, out var error))
            {
                Assert.DoesNotContain('\n', error!);
                return;
            }
        }

        var doc = DefaultPipeline.Create().Run(name, text);
        Assert.Null(DocumentInvariants.Check(doc));
        string once = TextNormalizer.Normalize(text).Text;
        Assert.Equal(once, TextNormalizer.Normalize(once).Text);
    }
}
