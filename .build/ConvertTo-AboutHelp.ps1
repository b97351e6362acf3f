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

function ConvertTo-PlainLine([string] $Line) {
    $Line -replace '\[([^\]]+)\]\([^)]+\)', '$1' -replace '\*\*', '' -replace '`', ''
}

$page = @(Get-Content -LiteralPath $LiteralPath)
# Get-Help reads a topic's synopsis from the fifth line of the file, under SHORT DESCRIPTION: the page's short
# description, or else its first paragraph.
$shortAt = [array]::FindIndex([string[]] $page, [Predicate[string]] { param($line) $line -match '^##\s+Short description\s*$' })
$synopsisAt = if ($shortAt -ge 0) { $shortAt + 1 } else { [array]::FindIndex([string[]] $page, [Predicate[string]] { param($line) $line -and $line -notmatch '^#' }) }
$synopsis = (ConvertTo-PlainLine $page[$synopsisAt]).Trim()

$lines = [Collections.Generic.List[string]]::new()
$lines.Add('TOPIC')
$lines.Add("    $TopicName")
$lines.Add('')
$lines.Add('SHORT DESCRIPTION')
$lines.Add("    $synopsis")
$lines.Add('')
$lines.Add('LONG DESCRIPTION')
$inCode = $false
$skipping = $false
for ($index = 0; $index -lt $page.Count; $index++) {
    $line = $page[$index]
    if ($line -match '^```') { $inCode = -not $inCode; continue }
    if ($inCode) { $lines.Add("        $line"); continue }
    if ($line -match '^# ') { continue }
    if ($line -match '^<!--') { continue }
    # The short description is already written above; the long description's heading too.
    if ($line -match '^##\s+Short description\s*$') { $skipping = $true; continue }
    if ($skipping -and $line -notmatch '^##') { continue }
    $skipping = $false
    if ($line -match '^##\s+Long description\s*$') { continue }
    $text = ConvertTo-PlainLine $line
    if ($text -match '^##+\s+(.*)$') {
        if ($lines[$lines.Count - 1]) { $lines.Add('') }
        $lines.Add($Matches[1].ToUpperInvariant())
        continue
    }
    if ($text -match '^\|[-| ]+\|$') { continue }
    # A table row reads as its cells separated by dashes.
    if ($text -match '^\|(.*)\|\s*$') { $text = (($Matches[1] -split '(?<!\\)\|') | ForEach-Object Trim) -join ' - ' -replace '\\\|', '|' }
    if (-not $text -and -not $lines[$lines.Count - 1]) { continue }
    $lines.Add($(if ($text) { "    $text" } else { '' }))
}
New-Item -ItemType Directory -Path (Split-Path -LiteralPath $Destination) -Force | Out-Null
[IO.File]::WriteAllLines($Destination, $lines, [Text.UTF8Encoding]::new($false))
