# Get-Help at the prompt shows what docs/ says: the build turns the pages into MAML help.

BeforeDiscovery {
    $script:cmdlets = (Import-PowerShellDataFile -LiteralPath $env:APPSTOREJWS_MODULE).CmdletsToExport
}

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
}

Describe 'Get-Help <_>' -ForEach $cmdlets {
    BeforeAll {
        $script:help = Get-Help $_ -Full
        $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    }

    It 'has the synopsis from its docs page' {
        $page = Get-Content -LiteralPath (Join-Path $env:APPSTOREJWS_REPO "docs/$_.md") -Raw
        $page -match '(?ms)^## Synopsis\s*\n(.*?)\n\s*\n' | Should -BeTrue
        # The same words, as plain text: Get-Help prints no markdown.
        $help.Synopsis | Should -BeExactly ($Matches[1].Trim() -replace '\[([^\]]+)\]\([^)]*\)', '$1' -replace '\*\*|`')
    }

    It 'has a description and examples' {
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        $help.examples.example[0].code | Should -Not -BeNullOrEmpty
    }

    It 'shows no docs-test marker in its examples' {
        foreach ($example in @($help.examples.example)) {
            $example.title | Should -Not -Match '<!--|not run' -Because "the title '$($example.title)' is for the reader"
            ($example.remarks.Text -join ' ') | Should -Not -Match '<!--'
        }
    }

    It 'verifies what Apple signs in its examples rather than only decoding it' {
        foreach ($example in @($help.examples.example)) {
            $example.code | Should -Not -Match '\.signed\w+\s*\|\s*ConvertFrom-AppStoreJws' -Because "Apple's signed data is read through ConvertFrom-AppStoreSignedData, which checks the chain and signature ($($example.title))"
        }
    }

    It 'has no markdown left outside the example code' {
        $xml = [xml] (Get-Content -LiteralPath (Join-Path (Split-Path $env:APPSTOREJWS_MODULE) 'en-US/AppStoreJws.dll-Help.xml') -Raw)
        $names = [Xml.XmlNamespaceManager]::new($xml.NameTable)
        $names.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $names.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $node = $xml.SelectSingleNode("//command:command[command:details/command:name='$_']", $names)
        $node | Should -Not -BeNullOrEmpty
        $prose = @($node.SelectNodes('.//maml:para | .//maml:title | .//maml:name', $names) | ForEach-Object InnerText)
        $prose.Count | Should -BeGreaterThan 3
        foreach ($text in $prose) {
            $text | Should -Not -Match '\*\*|`|\]\(|^\s*\|' -Because "Get-Help prints MAML text as it is ('$text')"
        }
    }

    It 'names types as PowerShell shows them, without Nullable`1' {
        ($help | Out-String) | Should -Not -Match 'Nullable'
        foreach ($parameter in (Get-Command $_).Parameters.Values | Where-Object Name -NotIn $common) {
            $type = $parameter.ParameterType
            $type = if ([Nullable]::GetUnderlyingType($type)) { [Nullable]::GetUnderlyingType($type) } else { $type }
            $expected = if ($type.IsArray) { "$(([Nullable]::GetUnderlyingType($type.GetElementType()) ?? $type.GetElementType()).FullName)[]" } elseif ($type -eq [switch]) { 'SwitchParameter' } else { $type.FullName }
            ($help.parameters.parameter | Where-Object name -EQ $parameter.Name).type.name | Should -BeExactly $expected -Because "-$($parameter.Name) is a $($parameter.ParameterType)"
        }
    }

    It 'lists as INPUTS what binds from the pipeline' {
        $parameters = (Get-Command $_).Parameters.Values | Where-Object Name -NotIn $common
        $inputs = @($help.inputTypes.inputType)
        $inputText = ($inputs | ForEach-Object { $_.type.name; $_.description.Text }) -join "`n"
        $byValue = @($parameters | Where-Object { $_.Attributes.ValueFromPipeline -contains $true })
        $byName = @($parameters | Where-Object { $_.Attributes.ValueFromPipelineByPropertyName -contains $true })
        foreach ($parameter in $byValue) {
            $inputText | Should -Match ([regex]::Escape("Bound to -$($parameter.Name).")) -Because "-$($parameter.Name) binds by value"
        }
        foreach ($parameter in $byName) {
            $inputText | Should -Match ([regex]::Escape("-$($parameter.Name)")) -Because "-$($parameter.Name) binds from a row's property"
        }
        if (-not $byValue -and -not $byName) { $inputs.type.name | Should -Be 'None' }
        else { $inputs.Count | Should -Be ($byValue.Count + [int] [bool] $byName) }
    }

    It 'lists as OUTPUTS every [OutputType]' {
        $declared = @((Get-Command $_).OutputType.Name | Select-Object -Unique)
        $declared.Count | Should -BeGreaterThan 0 -Because 'every cmdlet declares what it returns'
        @($help.returnValues.returnValue.type.name) | Should -Be $declared
        ($help.returnValues.returnValue[0].description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'says which parameters accept wildcards, as [SupportsWildcards] does' {
        foreach ($parameter in (Get-Command $_).Parameters.Values | Where-Object Name -NotIn $common) {
            $supports = [bool] ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            ($help.parameters.parameter | Where-Object name -EQ $parameter.Name).globbing | Should -Be $supports.ToString().ToLowerInvariant() -Because "-$($parameter.Name)"
        }
    }

    It 'has each example of its page on its own, with its code' {
        $page = Get-Content -LiteralPath (Join-Path $env:APPSTOREJWS_REPO "docs/$_.md") -Raw
        $titles = @([regex]::Matches($page, '(?m)^### (.+)$') | ForEach-Object { $_.Groups[1].Value.Trim() -replace '`' })
        $examples = @($help.examples.example)
        $examples.Count | Should -Be $titles.Count
        for ($i = 0; $i -lt $titles.Count; $i++) {
            $examples[$i].title | Should -Match ([regex]::Escape($titles[$i]))
            $examples[$i].code | Should -Not -BeNullOrEmpty
            $examples[$i].code | Should -Not -Match '```|^### ' -Because 'one example must not run into the next'
        }
        # At the prompt each title stands after a blank line, not straight after the previous example's text.
        $lines = @((Get-Help $_ -Examples | Out-String -Width 200) -split '\r?\n')
        for ($i = 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^\s*-{5,} .+ -{5,}\s*$') { $lines[$i - 1].Trim() | Should -BeNullOrEmpty -Because "'$($lines[$i].Trim())' starts an example" }
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $described = $help.parameters.parameter | Where-Object name -EQ $parameter
            ($described.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$parameter needs a row in the page's Parameters table"
        }
    }
}

Describe 'Get-Help <_>' -ForEach 'about_AppStoreJws', 'about_AppStoreJws_Troubleshooting' {
    It 'is shipped with the module and reads as plain text' {
        $path = Join-Path (Split-Path $env:APPSTOREJWS_MODULE) "en-US/$_.help.txt"
        $path | Should -Exist
        $text = (Get-Help $_ | Out-String)
        $text | Should -Match 'Test-AppStoreJws'
        $text | Should -Not -Match '\*\*|`|\]\(|SPEC'
    }

    It 'has a synopsis in the list Get-Help about_* shows' {
        $listed = Get-Help 'about_AppStoreJws*' | Where-Object Name -EQ $_
        $listed | Should -HaveCount 1
        $listed.Synopsis | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-Help Get-AppStoreKey -Parameter Path' {
    It 'says that -Path expands wildcards and -LiteralPath does not' {
        Import-Module $env:APPSTOREJWS_MODULE -Force
        (Get-Help Get-AppStoreKey -Parameter Path).globbing | Should -Be 'true'
        (Get-Help Get-AppStoreKey -Parameter LiteralPath).globbing | Should -Be 'false'
    }
}

Describe 'Get-Help ./build.ps1' {
    It 'shows the synopsis and the tasks' {
        $help = Get-Help (Join-Path $env:APPSTOREJWS_REPO 'build.ps1') -Full
        $help.Synopsis | Should -Match 'Builds, stages, tests'
        ($help | Out-String) | Should -Match 'Package' -Because 'the description lists every task'
    }
}
