# Module manifest for FourOImage. ModuleVersion is stamped from Directory.Build.props <Version> when the
# build assembles out/FourOImage/ (build/Module.targets); the value here is only a placeholder.
@{
    RootModule           = 'FourOImage.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '865f02e9-ac88-4e3b-b3f6-50be77d784c7'
    Author               = 'FourOImage contributors'
    CompanyName          = 'FourOImage contributors'
    Copyright            = '(c) FourOImage contributors. MIT License.'
    Description          = 'Generate, wait for and save GPT-4o images with the 4o Image API (4oimageapi.io, kie.ai): pipeline-friendly cmdlets that stream a CSV of prompts concurrently.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('FourOImage.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-4oImage'
        'New-4oImage'
        'Get-4oImageTask'
        'Wait-4oImageTask'
        'Save-4oImage'
        'Get-4oCredit'
        'Get-4oImageJournal'
        'Get-4oImageInfo'
        'Export-4oImageGallery'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('4o', 'GPT-4o', 'OpenAI', 'Image', 'ImageGeneration', 'AI', 'kie.ai', '4oimageapi', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # PSData written by build/Module.targets: ReleaseNotes from CHANGELOG.md; ProjectUri and LicenseUri only when given.
        }
    }
}
