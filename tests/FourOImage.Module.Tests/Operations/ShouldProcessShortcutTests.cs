using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Module.Tests.Operations;

public sealed class ShouldProcessShortcutTests
{
    // System.Management.Automation.ConfirmImpact
    private const int None = 0;
    private const int Low = 1;
    private const int Medium = 2;
    private const int High = 3;

    [Theory]
    [InlineData(Low, true)]
    [InlineData(Medium, true)]
    [InlineData(High, false)]
    public void With_the_default_preference_only_high_impact_commands_ask(int impact, bool alwaysYes) =>
        Assert.Equal(alwaysYes, ShouldProcessShortcut.AlwaysYes(whatIf: false, confirm: null, debug: false, confirmPreference: High, confirmImpact: impact));

    [Fact]
    public void WhatIf_never_answers_yes_on_its_own() =>
        Assert.False(ShouldProcessShortcut.AlwaysYes(whatIf: true, confirm: false, debug: false, confirmPreference: None, confirmImpact: Low));

    [Fact]
    public void Confirm_asks_even_for_low_impact() =>
        Assert.False(ShouldProcessShortcut.AlwaysYes(whatIf: false, confirm: true, debug: false, confirmPreference: High, confirmImpact: Low));

    [Fact]
    public void Confirm_false_never_asks_whatever_the_preference() =>
        Assert.True(ShouldProcessShortcut.AlwaysYes(whatIf: false, confirm: false, debug: false, confirmPreference: Low, confirmImpact: High));

    [Theory]
    [InlineData(None, Low, true)]
    [InlineData(Low, Low, false)]
    [InlineData(Medium, Low, true)]
    [InlineData(Medium, Medium, false)]
    public void The_preference_asks_for_impacts_at_or_above_it(int preference, int impact, bool alwaysYes) =>
        Assert.Equal(alwaysYes, ShouldProcessShortcut.AlwaysYes(whatIf: false, confirm: null, debug: false, confirmPreference: preference, confirmImpact: impact));

    [Fact]
    public void Debug_asks_as_Windows_PowerShell_does_unless_confirm_is_false()
    {
        Assert.False(ShouldProcessShortcut.AlwaysYes(whatIf: false, confirm: null, debug: true, confirmPreference: High, confirmImpact: Low));
        Assert.True(ShouldProcessShortcut.AlwaysYes(whatIf: false, confirm: false, debug: true, confirmPreference: High, confirmImpact: Low));
    }

    [Fact]
    public void The_verbose_line_is_the_one_PowerShell_writes() =>
        Assert.Equal(
            "Performing the operation \"Save image\" on target \"C:\\out\\a_0.png\".",
            ShouldProcessShortcut.VerboseMessage("C:\\out\\a_0.png", "Save image"));
}
