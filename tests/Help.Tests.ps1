# Get-Help at the prompt shows what docs/ says: the build turns the pages into MAML help.

BeforeDiscovery {
    $script:cmdlets = (Import-PowerShellDataFile $env:APPSTOREJWS_MODULE).CmdletsToExport
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
        $page = Get-Content (Join-Path $env:APPSTOREJWS_REPO "docs/$_.md") -Raw
        $page -match '(?ms)^## Synopsis\s*\n(.*?)\n\s*\n' | Should -BeTrue
        $help.Synopsis | Should -BeExactly $Matches[1].Trim()
    }

    It 'has a description and examples' {
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        $help.examples.example[0].code | Should -Not -BeNullOrEmpty
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
}

Describe 'Get-Help ./build.ps1' {
    It 'shows the synopsis and the tasks' {
        $help = Get-Help (Join-Path $env:APPSTOREJWS_REPO 'build.ps1') -Full
        $help.Synopsis | Should -Match 'Builds, stages, tests'
        ($help | Out-String) | Should -Match 'Package' -Because 'the description lists every task'
    }
}
