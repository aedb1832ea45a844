using System.Text;
using FourOImage.Core.Journal;
using FourOImage.Core.Text;
using Xunit;

namespace FourOImage.Core.Tests.Text;

/// <summary>UTF-8 read as Windows-1252 (Windows PowerShell 5.1's Import-Csv on a file without a BOM) is recognised and undone.</summary>
public sealed class MojibakeTests
{
    public static TheoryData<string> Prompts => new()
    {
        "café au lait",
        "A fox — watercolor, “soft light”",
        "Ångström über Straße, ÀÁÂÃÄÅ æ ø œ",      // Á is C3 81: a byte Windows-1252 leaves undefined
        "東京の夜景, neon",
        "a cat 😺 on a skateboard",
        "voilà",                                    // à is C3 A0: the no-break space a trim would cut
    };

    private static string ReadAs1252(string text) => Encoding.GetEncoding(1252).GetString(Encoding.UTF8.GetBytes(text));

    [Theory]
    [MemberData(nameof(Prompts))]
    public void UTF8_read_as_Windows_1252_is_repaired_to_what_was_written(string prompt)
    {
        string garbled = ReadAs1252(prompt);
        Assert.NotEqual(prompt, garbled);
        Assert.True(Mojibake.LooksMisdecoded(garbled));
        Assert.Equal(prompt, Mojibake.Repair(garbled));
        Assert.True(Mojibake.SameText(garbled, prompt, RequestIdentity.NormalizePrompt));
        Assert.True(Mojibake.SameText(prompt, garbled, RequestIdentity.NormalizePrompt));
        Assert.Equal(Mojibake.AsciiSkeleton(prompt), Mojibake.AsciiSkeleton(garbled));
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    [InlineData("plain ASCII only")]
    [InlineData("São Paulo, naïve façade, crème brûlée, Ærøskøbing")]
    [InlineData("Ã")]
    [InlineData("Ã© is how a broken é looks")]  // the é beside it is not valid UTF-8 in Windows-1252: written, not mis-read
    public void Text_as_written_is_not_taken_for_mis_decoded(string prompt)
    {
        Assert.Null(Mojibake.Repair(prompt));
        Assert.False(Mojibake.LooksMisdecoded(prompt));
    }

    [Fact]
    public void Replacement_characters_look_mis_decoded()
    {
        Assert.True(Mojibake.LooksMisdecoded("caf\uFFFD au lait"));
    }

    [Fact]
    public void Different_text_is_not_the_same_text()
    {
        Assert.False(Mojibake.SameText("café", "cafè", RequestIdentity.NormalizePrompt));
        Assert.False(Mojibake.SameText(ReadAs1252("café"), "cafè", RequestIdentity.NormalizePrompt));
        Assert.True(Mojibake.SameText(" café\r\n", "café", RequestIdentity.NormalizePrompt));
    }
}
