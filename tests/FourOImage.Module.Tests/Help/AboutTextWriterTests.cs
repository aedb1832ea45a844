using System.Linq;
using FourOImage.HelpGen;
using FourOImage.HelpGen.About;
using Xunit;

namespace FourOImage.Module.Tests.Help;

public sealed class AboutTextWriterTests
{
    [Fact]
    public void Renders_topic_headings_and_indented_wrapped_text()
    {
        var text = AboutTextWriter.Render(SamplePages.AboutFile, SamplePages.About);

        var expected = """
            TOPIC
                about_Sample

            SHORT DESCRIPTION
                Describes the Sample module.

            LONG DESCRIPTION
                The Sample module gets things. This sentence is long enough that it has to
                be wrapped somewhere before the eightieth column, and then once more.

                Configuration
                -------------

                - An item whose text is long enough to wrap onto a second line, which is
                  indented under the text.
                - A second item.

                    Get-Thing -Name a

                Code  Meaning
                ----  ---------------
                401   Bad key
                402   No credits left

            """;
        Assert.Equal(expected, text);
    }

    [Fact]
    public void No_line_passes_column_80_however_long_the_paragraph()
    {
        var words = string.Join(" ", Enumerable.Range(0, 200).Select(i => new string('w', 1 + (i * 7 % 13))));
        var text = AboutTextWriter.Render("about_Long.md", $"# about_Long\n\n## SHORT DESCRIPTION\n{words}\n\n- {words}\n");

        var lines = text.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= AboutTextWriter.Width, $"{l.Length} columns: {l}"));
        Assert.Equal(words.Split(' ').Length * 2, lines.SelectMany(l => l.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)).Count(w => w.All(c => c == 'w')));
    }

    [Fact]
    public void A_code_line_too_wide_to_fit_is_an_error_not_a_silent_overflow()
    {
        var markdown = "# about_Wide\n\n## SHORT DESCRIPTION\nx\n\n```\n" + new string('x', 73) + "\n```\n";

        var error = Assert.Throws<DocsException>(() => AboutTextWriter.Render("about_Wide.md", markdown));

        Assert.Contains("81 columns", error.Message);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void A_page_without_the_about_title_or_short_description_is_rejected()
    {
        Assert.Throws<DocsException>(() => AboutTextWriter.Render("about_X.md", "# Something\n\n## SHORT DESCRIPTION\nx\n"));
        Assert.Throws<DocsException>(() => AboutTextWriter.Render("about_X.md", "# about_X\n\n## LONG DESCRIPTION\nx\n"));
    }

    [Fact]
    public void TextWrapper_breaks_between_words_and_keeps_a_too_long_word_whole()
    {
        Assert.Equal(new[] { "  aaa bb", "  cccc", "  dddddddddddd", "  e" }, TextWrapper.Wrap("aaa bb cccc dddddddddddd e", 10, "  ", "  "));
    }
}
