using System;
using System.Management.Automation;
using System.Security;
using FourOImage.Core;

namespace FourOImage.Commands;

/// <summary>
/// -ApiKey takes a string, a SecureString (so `Get-Secret` output passes straight in) or a PSCredential (its
/// password), and holds it as an <see cref="ApiKey"/> whose string form is "****". The key itself is never echoed,
/// even in the error for a value of the wrong type.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ApiKeyTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        return BindingText.Unwrap(inputData) switch
        {
            null => null,
            ApiKey key => key,
            SecureString secure => ApiKey.FromSecureString(secure),
            PSCredential credential => ApiKey.FromSecureString(credential.Password),
            string text => ApiKey.FromString(text),
            object other => throw new ArgumentException(
                $"An API key must be a string, a SecureString or a PSCredential, not {other.GetType().Name}."),
        };
    }
}
