using System.Text.Json;

namespace Ascribe.Cli.Tests;

public sealed class ModelsCommandTests
{
    [Fact]
    public void Models_Json_ListsTheShippedModelsWithTheAttributionRecord()
    {
        var result = CliRunner.Run("models", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal(new[] { "accurate head", "attribution", "ner", "parser", "pos" }, models.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.All(models.Values, m => Assert.Equal("ok", m.GetProperty("status").GetString()));
        foreach (var name in new[] { "pos", "ner", "parser", "attribution" })
        {
            var file = models[name].GetProperty("file").GetString()!;
            Assert.Equal(new FileInfo(file).Length, models[name].GetProperty("bytes").GetInt64());
        }

        Assert.Contains("dependency labels", models["parser"].GetProperty("holds").GetString(), StringComparison.Ordinal);
        string head = models["accurate head"].GetProperty("holds").GetString()!;
        Assert.Contains("an ensemble of 5 heads", head, StringComparison.Ordinal);
        Assert.Contains("joint role tags", head, StringComparison.Ordinal);
        string record = json.RootElement.GetProperty("attribution_record").GetString()!;
        Assert.Contains("ascribe train attribution", record, StringComparison.Ordinal);
        Assert.Contains("features version", record, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_FolderWithoutModels_SaysWhatIsMissingAndFails()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-models-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "pos.bin"), "not a model");
            var result = CliRunner.Run("models", "--models", dir, "--format", "json");
            Assert.Equal(3, result.ExitCode);
            using var json = JsonDocument.Parse(result.Out);
            var status = json.RootElement.GetProperty("models").EnumerateArray()
                .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("status").GetString()!);
            Assert.Equal("missing", status["parser"]);
            Assert.Equal("missing", status["attribution"]);
            Assert.NotEqual("ok", status["pos"]);
            Assert.NotEqual("missing", status["pos"]);
            Assert.False(json.RootElement.TryGetProperty("attribution_record", out _));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Models_UnknownFormat_IsAUsageError()
    {
        var result = CliRunner.Run("models", "--format", "xml");
        Assert.Equal(2, result.ExitCode);
    }
}
