# Guards the recipe for adding a token type (docs/ARCHITECTURE.md): every token type the core can produce has
# a factory, a claim profile for its audience, a cmdlet that declares it as output, a format view and a docs
# page; and every audience the linter knows is produced by some token type. A new type that misses one of
# these fails here instead of being found by a user.
BeforeDiscovery {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    $core = (Get-Command Get-AppStoreKey).OutputType[0].Type.Assembly
    # A token type: a concrete public class carrying the compact token and its audience. The Inspection
    # namespace only describes tokens it was given (decoded, linted), so its types are not made here.
    $script:tokenTypes = @($core.GetExportedTypes() | Where-Object {
            $_.IsClass -and -not $_.IsAbstract -and $_.GetProperty('Token') -and $_.GetProperty('Audience') -and
            $_.Namespace -ne 'AppStoreJws.Inspection'
        } | ForEach-Object { @{ Type = $_; Name = $_.Name } })
}

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    $script:core = (Get-Command Get-AppStoreKey).OutputType[0].Type.Assembly
    $script:exported = (Import-PowerShellDataFile -LiteralPath $env:APPSTOREJWS_MODULE).CmdletsToExport
    $profileType = $core.GetType('AppStoreJws.Inspection.ClaimProfile', $true)
    $script:profileAudiences = @($profileType.GetField('All', [Reflection.BindingFlags]'NonPublic, Static').GetValue($null) | ForEach-Object {
            $profileType.GetProperty('Audience').GetValue($_)
        })

    function Get-TokenAudience([type] $Type) {
        # The audience is a constant of the type, so an instance that never ran a constructor can say it.
        [System.Runtime.CompilerServices.RuntimeHelpers]::GetUninitializedObject($Type).Audience
    }

    function Get-ProducingCmdlet([type] $Type) {
        @($exported | Where-Object { (Get-Command $_).OutputType.Type -contains $Type })
    }
}

Describe 'Token type <Name>' -ForEach $tokenTypes {
    It 'is what the tests found: at least the five token types of today' {
        $tokenTypes.Count | Should -BeGreaterOrEqual 5
    }

    It 'has a factory in the core' {
        # Factories are internal (the core's public types are what PowerShell users receive), so look at every type.
        $factories = @($core.GetTypes() | ForEach-Object { $_.GetMethods([Reflection.BindingFlags]'Public, NonPublic, Static') } |
                Where-Object ReturnType -EQ $Type)
        $factories | Should -Not -BeNullOrEmpty -Because "a core factory method should return $($Type.FullName)"
    }

    It 'has a claim profile for its audience' {
        $audience = Get-TokenAudience $Type
        $audience | Should -Not -BeNullOrEmpty
        $profileAudiences | Should -Contain $audience -Because "the linter judges $($Type.Name) tokens by the profile of '$audience'"
    }

    It 'is the declared output of an exported cmdlet' {
        Get-ProducingCmdlet $Type | Should -Not -BeNullOrEmpty -Because "a cmdlet should carry [OutputType(typeof($($Type.Name)))]"
    }

    It 'has a format view' {
        Get-FormatData -TypeName $Type.FullName | Should -Not -BeNullOrEmpty -Because 'AppStoreJws.format.ps1xml should have a view for it'
    }

    It 'has a docs page for each cmdlet that makes it' {
        foreach ($cmdlet in Get-ProducingCmdlet $Type) {
            Join-Path $env:APPSTOREJWS_REPO "docs/$cmdlet.md" | Should -Exist
        }
    }
}

Describe 'Audiences the linter knows' {
    It 'are each produced by a token type' {
        $produced = @($tokenTypes | ForEach-Object { Get-TokenAudience $_.Type })
        foreach ($audience in $profileAudiences) {
            $produced | Should -Contain $audience -Because "the claim profile '$audience' should have a token type, factory and cmdlet"
        }
    }
}
