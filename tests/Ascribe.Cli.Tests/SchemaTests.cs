using System.Text.Json;
using Json.Schema;

namespace Ascribe.Cli.Tests;

/// <summary>The analyze output validates against the published JSON Schema (docs/schema.json).</summary>
public sealed class SchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(CliRunner.Data("schema.json")));

    [Fact]
    public void AnalyzeJsonl_Sample_ValidatesAgainstTheSchema()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"));
        Assert.Equal(0, result.ExitCode);
        AssertValid(result.Out.TrimEnd('\n'));
    }

    [Fact]
    public void AnalyzeJsonl_EveryPolnearMiniArticle_ValidatesAgainstTheSchema()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("polnear-mini", "text"));
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        foreach (var line in lines)
        {
            AssertValid(line);
        }
    }

    [Fact]
    public void Schema_RejectsOutputThatBreaksTheContract()
    {
        // A span without offsets and an unknown attribution kind must not pass.
        const string broken = "{\"id\":\"x\",\"length\":3,\"attributions\":[{\"kind\":\"rumour\",\"source\":{\"text\":\"a\"},\"cue\":null,\"content\":[],\"speaker\":null,\"confidence\":0.5}],\"entities\":[],\"flags\":[]}";
        using var doc = JsonDocument.Parse(broken);
        Assert.False(Schema.Evaluate(doc.RootElement).IsValid);
    }

    private static void AssertValid(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var evaluation = Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        string errors = evaluation.Details is null ? string.Empty : string.Join("; ", evaluation.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value)));
        Assert.True(evaluation.IsValid, errors);
    }
}
