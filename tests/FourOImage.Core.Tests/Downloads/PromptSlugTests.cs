using FourOImage.Core.Downloads;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

public class PromptSlugTests
{
    [Theory]
    [InlineData("A serene mountain lake", "a-serene-mountain-lake")]
    [InlineData("  Café crème -- brûlée!  ", "cafe-creme-brulee")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("C:\\Windows\\win.ini", "c-windows-win-ini")]
    [InlineData("...", "untitled")]
    [InlineData("日本の山", "untitled")]
    [InlineData("", "untitled")]
    [InlineData(null, "untitled")]
    [InlineData("CON", "con")]
    public void Prompts_become_lowercase_ascii_words_joined_by_single_dashes(string? prompt, string expected)
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
}
