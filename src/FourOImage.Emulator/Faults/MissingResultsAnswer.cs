namespace FourOImage.Emulator;

/// <summary>
/// How record-info shows a successful task whose results are not there (<see cref="FaultOptions.ResultsDelay"/>), and the
/// 422 download-url answers for it meanwhile. Nobody has documented this state; the pairing with the messages is a guess.
/// </summary>
public enum MissingResultsAnswer
{
    /// <summary>"response": null; download-url: "record result data is blank".</summary>
    ResponseNull = 0,

    /// <summary>"response": {"resultUrls": []}; download-url: "record result data is empty".</summary>
    EmptyResultUrls = 1,

    /// <summary>"response": {} without resultUrls; download-url: "record result data not exist".</summary>
    NoResultUrls = 2,
}
