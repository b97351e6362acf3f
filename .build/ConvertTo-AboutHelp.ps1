<#
.SYNOPSIS
    Writes a conceptual help topic (about_*.help.txt, what Get-Help about_<name> reads) from a docs/ page.
.DESCRIPTION
    The page's markdown becomes plain text that reads well at the prompt: bold markers and backticks are
    dropped, links keep only their text, headings become upper-case section titles, and code blocks
    are indented. Get-Help shows the file as it is, so no markdown may be left in it.
#>
param(
    [Parameter(Mandatory)] [string] $LiteralPath,
    [Parameter(Mandatory)] [string] $TopicName,
    [Parameter(Mandatory)] [string] $Destination
)

$lines = [Collections.Generic.List[string]]::new()
$lines.Add('TOPIC')
$lines.Add("    $TopicName")
$lines.Add('')
$inCode = $false
foreach ($line in (Get-Content -LiteralPath $LiteralPath)) {
    if ($line -match '^```') { $inCode = -not $inCode; continue }
    if ($inCode) { $lines.Add("        $line"); continue }
    if ($line -match '^# ') { continue }
    if ($line -match '^<!--') { continue }
    $text = $line -replace '\[([^\]]+)\]\([^)]+\)', '$1' -replace '\*\*', '' -replace '`', ''
    if ($text -match '^##+\s+(.*)$') {
        $lines.Add('')
        $lines.Add($Matches[1].ToUpperInvariant())
        continue
    }
    if ($text -match '^\|[-| ]+\|$') { continue }
    # A table row reads as its cells separated by dashes.
    if ($text -match '^\|(.*)\|\s*$') { $text = (($Matches[1] -split '(?<!\\)\|') | ForEach-Object Trim) -join ' - ' -replace '\\\|', '|' }
    $lines.Add($(if ($text) { "    $text" } else { '' }))
}
New-Item -ItemType Directory -Path (Split-Path $Destination) -Force | Out-Null
[IO.File]::WriteAllLines($Destination, $lines, [Text.UTF8Encoding]::new($false))
