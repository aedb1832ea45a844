using FourOImage.Core.Downloads;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

public class PromptSlugTests
{
    [Theory]
    [InlineData("A serene mountain lake", "a-serene-mountain-lake")]
    [InlineData("  Café crème -- brûlée!  ", "café-crème-brûlée")]
    [InlineData("Cafe\u0301 au lait", "café-au-lait")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("C:\\Windows\\win.ini", "c-windows-win-ini")]
    [InlineData("...", "untitled")]
    [InlineData("日本の山", "日本の山")]
    [InlineData("夕暮れの富士山、水彩画風", "夕暮れの富士山-水彩画風")]
    [InlineData("Москва зимой", "москва-зимой")]
    [InlineData("🦊🦊", "untitled")]
    [InlineData("", "untitled")]
    [InlineData(null, "untitled")]
    [InlineData("CON", "con")]
    public void Prompts_keep_their_letters_in_any_script_as_lowercase_words_joined_by_single_dashes(string? prompt, string expected)
    {
        Assert.Equal(expected, PromptSlug.From(prompt));
    }

    [Fact]
    public void A_long_prompt_is_cut_to_40_characters_without_a_trailing_dash()
    {
        var slug = PromptSlug.From("one two three four five six seven eight nine ten eleven twelve");

        Assert.True(slug.Length <= PromptSlug.MaxLength, slug);
        Assert.StartsWith("one-two-three-four-five-six-seven-eight", slug);
        Assert.False(slug.EndsWith('-'));
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
    }

    [Fact]
    public void A_long_japanese_prompt_is_cut_to_40_characters()
    {
        var slug = PromptSlug.From(new string('山', 100));

        Assert.Equal(new string('山', 40), slug);
    }
}
