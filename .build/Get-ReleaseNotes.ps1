<#
.SYNOPSIS
    Returns the release notes of one version from a Keep a Changelog file: the text under its "## [<version>]"
    heading, or under "## [Unreleased]" when the file has no section for the version yet.
.DESCRIPTION
    The build writes the result into the staged manifest's PrivateData.PSData.ReleaseNotes, so the Gallery page shows
    what the changelog says about the version being published. Returns an empty string when the file has neither
    section (or the section is empty).
#>
param(
    [Parameter(Mandatory)] [string] $LiteralPath,
    [Parameter(Mandatory)] [string] $Version
)

$text = [IO.File]::ReadAllText($LiteralPath) -replace "`r`n", "`n"
foreach ($name in @($Version, 'Unreleased')) {
    $heading = "(?m)^##\s+\[$([regex]::Escape($name))\][^\n]*\n"
    $match = [regex]::Match($text, "$heading(.*?)(?=^##\s+\[|^\[[^\]]+\]:\s|\z)", [Text.RegularExpressions.RegexOptions]::Singleline -bor [Text.RegularExpressions.RegexOptions]::Multiline)
    if ($match.Success) { return $match.Groups[1].Value.Trim() }
}
''
