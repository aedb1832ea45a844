namespace FourOImage.Emulator;

/// <summary>How record-info writes a failed task's errorCode: live as a number; some answers send it as text, or a word.</summary>
public enum ErrorCodeForm
{
    /// <summary>"errorCode": 500 (live).</summary>
    Number = 0,

    /// <summary>"errorCode": "500".</summary>
    Text = 1,

    /// <summary>"errorCode": "GENERATION_FAILED", the word a sibling API of the platform sends.</summary>
    Word = 2,
}
