using System.Text;
using Ascribe.Core.Serialization;

namespace Ascribe.Core.Tests.Serialization;

public sealed class DocumentJsonTests
{
    [Fact]
    public void WriteJsonLine_LongDocumentWithMultiByteText_WritesTheCharactersOfToJsonLine()
    {
        // Hundreds of kilobytes of JSON with curly quotes, accents and an emoji in every
        // attribution: the writer hands its buffer on many times, often inside a character's bytes.
        var text = new StringBuilder();
        for (int i = 0; i < 400; i++)
        {
            text.Append("“Nous ne signerons pas ça,” a déclaré Müller n°").Append(i).Append(" 😀 mardi.\n\n");
        }

        var doc = TestText.Analyze(text.ToString());
        Assert.True(doc.Attributions.Count >= 400, $"{doc.Attributions.Count} attributions");
        var written = new StringWriter { NewLine = "\n" };
        DocumentJson.WriteJsonLine(written, doc);
        string expected = DocumentJson.ToJsonLine(doc);
        Assert.True(expected.Length > 200_000, $"{expected.Length} chars");
        Assert.Equal(expected + "\n", written.ToString());
    }
}
