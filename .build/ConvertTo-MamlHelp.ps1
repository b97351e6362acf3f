<#
.SYNOPSIS
    Writes the module's MAML help (en-US/AppStoreJws.dll-Help.xml, what Get-Help reads for binary cmdlets) from docs/.
.DESCRIPTION
    Each cmdlet's page in docs/ gives the synopsis, description, parameter descriptions, outputs, examples and
    errors; the built cmdlets themselves give everything the code already knows (syntax, types, which parameters
    are mandatory, positional, bound from the pipeline, take wildcards, their aliases, the [OutputType]), read in a
    child pwsh so the build's own session never loads the module.
    Get-Help prints MAML text as it is, so the page's markdown is turned into plain text here: no bold markers,
    backticks or link syntax are left, a table becomes one line a row, and the XML is written by an XmlWriter, so
    no text can break it.
#>
param(
    # The staged AppStoreJws.psd1 whose cmdlets are described.
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # The folder of the cmdlet pages (<Cmdlet>.md).
    [Parameter(Mandatory)] [string] $DocsFolder,
    [Parameter(Mandatory)] [string] $Destination,
    # Where each page is published, for the help's online link.
    [string] $OnlineBase = 'https://github.com/appstorejws/AppStoreJws/blob/main/docs'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$metadata = & dotnet pwsh -NoProfile -NonInteractive -Command {
    param($manifest)
    $ErrorActionPreference = 'Stop'
    Import-Module $manifest
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    # A type as a reader knows it: the value type of a Nullable, arrays as Element[].
    function Get-TypeName([type] $Type) {
        $underlying = [Nullable]::GetUnderlyingType($Type)
        if ($underlying) { $Type = $underlying }
        if ($Type.IsArray) { return (Get-TypeName $Type.GetElementType()) + '[]' }
        if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
        $Type.FullName
    }
    foreach ($name in (Import-PowerShellDataFile -LiteralPath $manifest).CmdletsToExport) {
        $command = Get-Command $name
        [pscustomobject]@{
            Name        = $name
            Syntax      = @($command.ParameterSets | ForEach-Object { "$name $_" -replace '\s*\[<CommonParameters>\]$' })
            OutputTypes = @($command.OutputType | ForEach-Object Name | Select-Object -Unique)
            Parameters  = @($command.Parameters.Values | Where-Object Name -NotIn $common | ForEach-Object {
                    $attributes = @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                    [pscustomobject]@{
                        Name      = $_.Name
                        Type      = Get-TypeName $_.ParameterType
                        Required  = [bool]($attributes | Where-Object Mandatory)
                        Position  = @($attributes | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Select-Object -First 1)
                        ByValue   = [bool]($attributes | Where-Object ValueFromPipeline)
                        ByName    = [bool]($attributes | Where-Object ValueFromPipelineByPropertyName)
                        Wildcards = [bool]($_.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                        Aliases   = @($_.Aliases)
                    }
                })
        }
    }
} -args (Resolve-Path -LiteralPath $ModuleManifest).Path | ConvertTo-Json -Depth 5 | ConvertFrom-Json
if ($LASTEXITCODE) { throw "Reading the cmdlets' metadata failed (exit code $LASTEXITCODE)." }

# Inline markdown as plain text: bold and code markers dropped, a link as its text (and an absolute address after it).
function ConvertTo-PlainText([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\((https?://[^)]+)\)', '$1 ($2)')
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\([^)]*\)', '$1')
    $Text -replace '\*\*', '' -replace '`', '' -replace '\\\|', '|'
}

# A block of markdown as paragraphs: blank lines separate them, a table's rows become one paragraph each
# ("cell: cell - cell"), and a fenced block keeps its lines.
function ConvertTo-Paragraph([string] $Markdown) {
    $paragraphs = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    $flush = { if ($current.Count) { $paragraphs.Add((ConvertTo-PlainText ($current -join ' '))); $current.Clear() } }
    $inCode = $false
    $header = $true
    foreach ($line in ($Markdown -split '\r?\n')) {
        if ($line -match '^\s*```') {
            & $flush
            $inCode = -not $inCode
            continue
        }
        if ($inCode) { $paragraphs.Add('    ' + $line); continue }
        if ($line -match '^\s*\|[-:| ]+\|\s*$') { $header = $false; continue }
        if ($line -match '^\s*\|(.*)\|\s*$') {
            & $flush
            $cells = @(($Matches[1] -split '(?<!\\)\|') | ForEach-Object Trim)
            # The header row names the columns; the rows under it are what the reader needs.
            if ($header) { continue }
            $paragraphs.Add((ConvertTo-PlainText ("$($cells[0]): " + (($cells | Select-Object -Skip 1) -join ' - '))))
            continue
        }
        $header = $true
        if (-not $line.Trim()) { & $flush; continue }
        $current.Add($line.Trim())
    }
    & $flush
    , $paragraphs
}

function Get-Section([string] $Page, [string] $Title) {
    if ($Page -match "(?ms)^## $([regex]::Escape($Title))\s*\n(.*?)(?=^## |\z)") { $Matches[1].Trim() } else { '' }
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Write-Paragraph([Xml.XmlWriter] $Writer, [string] $Markdown) {
    foreach ($paragraph in (ConvertTo-Paragraph $Markdown)) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
}

function Write-Description([Xml.XmlWriter] $Writer, [string] $Markdown) {
    $Writer.WriteStartElement('maml', 'description', $maml)
    Write-Paragraph $Writer $Markdown
    $Writer.WriteEndElement()
}

# One entry of INPUTS or OUTPUTS: a type and what it means here.
function Write-TypeEntry([Xml.XmlWriter] $Writer, [string] $Element, [string] $TypeName, [string] $Markdown) {
    $Writer.WriteStartElement('command', $Element, $commandNs)
    $Writer.WriteStartElement('dev', 'type', $dev)
    $Writer.WriteElementString('maml', 'name', $maml, $TypeName)
    $Writer.WriteEndElement()
    Write-Description $Writer $Markdown
    $Writer.WriteEndElement()
}

$settings = [Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [Text.UTF8Encoding]::new($false)
New-Item -ItemType Directory -Path (Split-Path -LiteralPath $Destination) -Force | Out-Null
$writer = [Xml.XmlWriter]::Create($Destination, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($command in $metadata) {
        $page = Get-Content -LiteralPath (Join-Path $DocsFolder "$($command.Name).md") -Raw
        $parameterText = @{}
        foreach ($row in [regex]::Matches((Get-Section $page 'Parameters'), '(?m)^\|\s*(`-[^|]+)\|\s*(.*?)\s*\|\s*$')) {
            foreach ($name in [regex]::Matches($row.Groups[1].Value, '`-(\w+)`')) { $parameterText[$name.Groups[1].Value] = $row.Groups[2].Value }
        }
        $verb, $noun = $command.Name -split '-', 2

        $writer.WriteStartElement('command', 'command', $commandNs)
        $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)

        $writer.WriteStartElement('command', 'details', $commandNs)
        $writer.WriteElementString('command', 'name', $commandNs, $command.Name)
        Write-Description $writer (Get-Section $page 'Synopsis')
        $writer.WriteElementString('command', 'verb', $commandNs, $verb)
        $writer.WriteElementString('command', 'noun', $commandNs, $noun)
        $writer.WriteEndElement()

        Write-Description $writer (Get-Section $page 'Description')

        $writer.WriteStartElement('command', 'syntax', $commandNs)
        foreach ($line in $command.Syntax) {
            $writer.WriteStartElement('command', 'syntaxItem', $commandNs)
            $writer.WriteElementString('maml', 'name', $maml, $line)
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'parameters', $commandNs)
        foreach ($parameter in $command.Parameters) {
            $binding = @(if ($parameter.ByValue) { 'ByValue' }; if ($parameter.ByName) { 'ByPropertyName' })
            $writer.WriteStartElement('command', 'parameter', $commandNs)
            $writer.WriteAttributeString('required', $parameter.Required.ToString().ToLowerInvariant())
            $writer.WriteAttributeString('globbing', $parameter.Wildcards.ToString().ToLowerInvariant())
            $writer.WriteAttributeString('pipelineInput', $(if ($binding) { "True ($($binding -join ', '))" } else { 'False' }))
            $writer.WriteAttributeString('position', $(if (@($parameter.Position).Count) { [string] $parameter.Position[0] } else { 'named' }))
            $writer.WriteAttributeString('aliases', $(if (@($parameter.Aliases).Count) { $parameter.Aliases -join ', ' } else { 'none' }))
            $writer.WriteElementString('maml', 'name', $maml, $parameter.Name)
            Write-Description $writer ([string] $parameterText[$parameter.Name])
            $writer.WriteStartElement('command', 'parameterValue', $commandNs)
            $writer.WriteAttributeString('required', ($parameter.Type -ne 'SwitchParameter').ToString().ToLowerInvariant())
            $writer.WriteString($parameter.Type)
            $writer.WriteEndElement()
            $writer.WriteStartElement('dev', 'type', $dev)
            $writer.WriteElementString('maml', 'name', $maml, $parameter.Type)
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        # INPUTS: each type bound whole from the pipeline, and the rows whose properties bind by name.
        $writer.WriteStartElement('command', 'inputTypes', $commandNs)
        foreach ($parameter in @($command.Parameters | Where-Object ByValue)) {
            Write-TypeEntry $writer 'inputType' $parameter.Type "Bound to -$($parameter.Name)."
        }
        $byName = @($command.Parameters | Where-Object ByName | ForEach-Object { "-$($_.Name)" + $(if (@($_.Aliases).Count) { " ($($_.Aliases -join ', '))" }) })
        if ($byName) {
            Write-TypeEntry $writer 'inputType' 'System.Management.Automation.PSObject' "Objects (such as Import-Csv rows) whose properties bind by name to $($byName -join ', ')."
        }
        if (-not @($command.Parameters | Where-Object ByValue) -and -not $byName) {
            Write-TypeEntry $writer 'inputType' 'None' 'This cmdlet takes no pipeline input.'
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'returnValues', $commandNs)
        $outputs = Get-Section $page 'Outputs'
        foreach ($type in $command.OutputTypes) {
            # The page's Outputs section describes the first (main) type; the others are named there too.
            $text = if ($type -eq $command.OutputTypes[0]) { $outputs -replace "^``?$([regex]::Escape($type))``?:\s*" } else { '' }
            Write-TypeEntry $writer 'returnValue' $type $text
        }
        $writer.WriteEndElement()

        # NOTES: the error table, and any other section of the page (the checks a Test- cmdlet makes).
        $known = 'Synopsis', 'Syntax', 'Description', 'Parameters', 'Outputs', 'Examples'
        $notes = [regex]::Matches($page, '(?m)^## (.+)$') | ForEach-Object { $_.Groups[1].Value.Trim() } | Where-Object { $_ -notin $known }
        if ($notes) {
            $writer.WriteStartElement('maml', 'alertSet', $maml)
            foreach ($title in $notes) {
                $writer.WriteStartElement('maml', 'alert', $maml)
                $writer.WriteElementString('maml', 'para', $maml, $title.ToUpperInvariant())
                Write-Paragraph $writer (Get-Section $page $title)
                $writer.WriteElementString('maml', 'para', $maml, '')
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
        }

        $writer.WriteStartElement('command', 'examples', $commandNs)
        foreach ($example in [regex]::Matches((Get-Section $page 'Examples'), '(?ms)^### (.*?)\n```powershell\s*\n(.*?)^```\s*(.*?)(?=^### |\z)')) {
            $writer.WriteStartElement('command', 'example', $commandNs)
            # A '<!-- not run: reason -->' marker between the heading and its code is for the docs tests, not the reader.
            $title = $example.Groups[1].Value -replace '(?s)<!--.*?-->', ''
            $writer.WriteElementString('maml', 'title', $maml, "---------- $(ConvertTo-PlainText $title.Trim()) ----------")
            $writer.WriteElementString('dev', 'code', $dev, $example.Groups[2].Value.TrimEnd())
            $writer.WriteStartElement('dev', 'remarks', $dev)
            Write-Paragraph $writer ($example.Groups[3].Value -replace '(?s)<!--.*?-->', '')
            # An empty paragraph ends the example with a blank line, so the next title does not run into it.
            $writer.WriteElementString('maml', 'para', $maml, '')
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'relatedLinks', $commandNs)
        $writer.WriteStartElement('maml', 'navigationLink', $maml)
        $writer.WriteElementString('maml', 'linkText', $maml, 'Online version:')
        $writer.WriteElementString('maml', 'uri', $maml, "$OnlineBase/$($command.Name).md")
        $writer.WriteEndElement()
        $writer.WriteStartElement('maml', 'navigationLink', $maml)
        $writer.WriteElementString('maml', 'linkText', $maml, 'about_AppStoreJws')
        $writer.WriteElementString('maml', 'uri', $maml, '')
        $writer.WriteEndElement()
        $writer.WriteEndElement()

        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}
