using System;

namespace FourOImage.Core.Pipeline;

/// <summary>Names the cmdlet parameter behind a request field, so errors say "-ImageUrl", not "FilesUrl".</summary>
internal static class ParameterNames
{
    public static string Rephrase(ArgumentException error, bool localFiles)
    {
        string parameter = error.ParamName switch
        {
            "FilesUrl" => localFiles ? "ImagePath" : "ImageUrl",
            "MaskUrl" => localFiles ? "MaskPath" : "MaskUrl",
            null => string.Empty,
            string name => name,
        };
        string message = StripParameterSuffix(error.Message, error.ParamName);
        return parameter.Length == 0 ? message : $"-{parameter}: {message}";
    }

    // ArgumentException appends " (Parameter 'X')" (.NET) or "\r\nParameter name: X" (.NET Framework) to Message.
    private static string StripParameterSuffix(string message, string? paramName)
    {
        if (paramName is null)
        {
            return message;
        }

        foreach (string suffix in new[] { $" (Parameter '{paramName}')", Environment.NewLine + "Parameter name: " + paramName })
        {
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                return message.Substring(0, message.Length - suffix.Length);
            }
        }

        return message;
    }
}
