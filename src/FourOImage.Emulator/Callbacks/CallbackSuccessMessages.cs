namespace FourOImage.Emulator;

/// <summary>The two msg texts a success callback has been documented with; clients must decide on code, not on these.</summary>
public static class CallbackSuccessMessages
{
    public const string Success = "success";

    public const string Generated = "Gpt4o-image generated successfully.";
}
