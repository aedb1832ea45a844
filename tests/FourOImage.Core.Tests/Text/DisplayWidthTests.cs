using FourOImage.Core.Pipeline;
using FourOImage.Core.Text;
using Xunit;

namespace FourOImage.Core.Tests.Text;

/// <summary>Terminal columns, not characters: what keeps a Japanese prompt's progress line on one line.</summary>
public class DisplayWidthTests
{
    [Theory]
    [InlineData("A red fox", 9)]
    [InlineData("富士山", 6)]
    [InlineData("ｶﾀｶﾅ", 4)] // halfwidth katakana take one column
    [InlineData("café", 4)]
    [InlineData("cafe\u0301", 4)] // a combining accent takes none
    [InlineData("🦊 fox", 6)]
    [InlineData("", 0)]
    public void Counts_columns(string text, int columns)
    {
        Assert.Equal(columns, DisplayWidth.Of(text));
    }

    [Fact]
    public void Cuts_by_columns_with_one_ellipsis_character()
    {
        string cut = DisplayWidth.Cut("夕暮れの富士山と桜の花びらが舞う静かな湖畔の風景", 20);

        Assert.Equal("夕暮れの富士山と桜\u2026", cut); // 9 wide characters (18 columns) and the ellipsis
        Assert.True(DisplayWidth.Of(cut) <= 20);
        Assert.Equal("A red fox", DisplayWidth.Cut("A red\r\nfox ", 20));
        Assert.Equal("🦊\u2026", DisplayWidth.Cut("🦊🦊🦊", 4)); // never half a surrogate pair
    }

    [Fact]
    public void Prompts_in_labels_are_cut_the_same_way()
    {
        Assert.Equal("Row 2 ('夕暮れの富士山と桜の花びらが舞う静かな\u2026')", ItemLabel.Row(2, "夕暮れの富士山と桜の花びらが舞う静かな湖畔の風景"));
        Assert.Equal("a very long prompt about a lighthouse\u2026", PromptText.Shorten("a very long prompt about a lighthouse on a cliff", 38));
    }

    [Fact]
    public void Balance_makes_the_character_count_the_width_and_shows_nothing_more()
    {
        string balanced = DisplayWidth.Balance("富士 fox");

        Assert.Equal(DisplayWidth.Of("富士 fox"), balanced.Length);
        Assert.Equal(DisplayWidth.Of("富士 fox"), DisplayWidth.Of(balanced));
        Assert.Equal("富士 fox", balanced.Replace("\u200B", string.Empty));
        Assert.Same("A red fox", DisplayWidth.Balance("A red fox"));
    }
}
