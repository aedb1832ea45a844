namespace FourOImage.Emulator;

/// <summary>Which field of the envelope carries the answer's text: "msg" (this API) or "message" (the platform's newer job API).</summary>
public enum EnvelopeTextField
{
    Msg = 0,

    Message = 1,
}
