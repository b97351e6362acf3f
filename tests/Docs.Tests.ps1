# Runs every PowerShell example in docs/*.md and README.md, so the documentation cannot drift from the
# module. Each example runs in a fresh temporary folder holding a throwaway key, AuthKey_2X9R4HXF34.p8
# (issuer 57246542-96fe-1a63-e053-0824d011072a), and the small offers.csv and customers.csv the README
# reads (the Retention Messaging and Invoke-* pages also get banner.png, a full-size PNG; the README and the signed-data pages also get the files of New-TestSignedDataExampleFile, the receipt pages
# those of New-TestReceiptExampleFile),
# with $env:APPSTORE_PRIVATE_KEY holding the key's text and $ErrorActionPreference = 'Stop', so any error
# the example does not handle itself fails the test. A block preceded by the line
# <!-- not run: reason --> is skipped (for example one that calls Apple's servers).
# The App Store Server API cmdlets reach a local test server (tests/interop/server-api.mjs) instead of Apple:
# every folder gets the same key, the one the server checks tokens against, and $PSDefaultParameterValues
# give those cmdlets -BaseUri (the server's sandbox for an example that says -Environment Sandbox) and -TrustedRoot (the test PKI's
# root, which signs what the server serves), so the pages show the calls exactly as users write them.

BeforeDiscovery {
    $docs = Join-Path $env:APPSTOREJWS_REPO 'docs'
    $script:examples = foreach ($page in @(Get-ChildItem -LiteralPath $docs -Filter '*.md') + (Get-Item -LiteralPath (Join-Path $env:APPSTOREJWS_REPO 'README.md'))) {
        $text = Get-Content -LiteralPath $page.FullName -Raw
        $number = 0
        foreach ($match in [regex]::Matches($text, '(?ms)(^<!-- not run: [^>]*-->\s*\n)?^```powershell\s*\n(.*?)^```')) {
            $number++
            @{ Page = $page.Name; Number = $number; Code = $match.Groups[2].Value; Skipped = $match.Groups[1].Success }
        }
    }
    $script:pages = (Get-ChildItem -LiteralPath $docs -Filter '*.md').BaseName
    $script:cmdlets = (Import-PowerShellDataFile -LiteralPath $env:APPSTOREJWS_MODULE).CmdletsToExport
}

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestReceipts.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPng.psm1') -Force
    $script:keyFolder = New-TestFolder
    $key = New-AppStoreTestKey -KeyId 2X9R4HXF34 -Folder $keyFolder
    $script:keyFile = Join-Path $keyFolder 'AuthKey_2X9R4HXF34.p8'
    $script:chain = New-TestAppleChain
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain -LifetimeSeconds 600 -NoRecord
    $base = $server.BaseUri
    $script:serverApiDefaults = @{}
    foreach ($name in (Get-Command -Module AppStoreJws | Where-Object { $_.Parameters.ContainsKey('BaseUri') }).Name) {
        $serverApiDefaults["${name}:BaseUri"] = $base
        if ((Get-Command $name).Parameters.ContainsKey('TrustedRoot')) { $serverApiDefaults["${name}:TrustedRoot"] = $chain.Root }
        if ((Get-Command $name).Parameters.ContainsKey('SandboxBaseUri')) { $serverApiDefaults["${name}:SandboxBaseUri"] = "$base/sandbox" }
    }
}

AfterAll {
    Stop-TestServerApi $server
    Remove-TestFolder $keyFolder
}

Describe 'docs/' {
    It 'has a page for <_>' -ForEach $cmdlets {
        Join-Path $env:APPSTOREJWS_REPO "docs/$_.md" | Should -Exist
        (Get-Content -LiteralPath (Join-Path $env:APPSTOREJWS_REPO "docs/$_.md") -Raw) | Should -Match '(?m)^## Examples'
    }

    It 'runs <Page> example <Number>' -ForEach $examples {
        if ($Skipped) { Set-ItResult -Skipped -Because 'the page marks it as not run'; return }
        $appleData = Get-AppleTestData
        if (-not $appleData -and $Code -match 'renewal-info\.jws|xcode-transaction\.jws') { Set-ItResult -Skipped -Because "it reads Apple's test vectors, which are not beside this checkout"; return }
        $folder = New-TestFolder
        Push-Location -LiteralPath $folder
        try {
            Copy-Item -LiteralPath $keyFile -Destination (Join-Path $folder 'AuthKey_2X9R4HXF34.p8')
            "productId,offerIdentifier,transactionId`ncom.example.premium.monthly,WINBACK50,2000000123456789`ncom.example.premium.yearly,LOYAL20," |
                Set-Content offers.csv
            "productId,allowIntroductoryOffer,transactionId`ncom.example.premium.monthly,no,2000000123456789" | Set-Content customers.csv
            $env:APPSTORE_PRIVATE_KEY = Get-Content ./AuthKey_2X9R4HXF34.p8 -Raw
            if ($Page -like '*Receipt*') { New-TestReceiptExampleFile -Folder $folder }
            if ($Page -like '*Retention*' -or $Page -like 'Invoke-*') { $null = New-TestPngFile -LiteralPath (Join-Path $folder 'banner.png') }
            if ($Page -like '*SignedData*' -or $Page -eq 'README.md') { New-TestSignedDataExampleFile -Folder $folder -Vectors $(if ($appleData) { Join-Path $appleData 'apple-test-vectors' }) }
            $defaults = $serverApiDefaults.Clone()
            if ($Code -match '-Environment Sandbox') {
                # A default cannot see the bound -Environment, so an example that asks the sandbox reaches the server's sandbox.
                foreach ($name in @($defaults.Keys -like '*:BaseUri')) { $defaults[$name] = "$($server.BaseUri)/sandbox" }
            }
            if ($Code -match '-WhatIf\b') {
                # -WhatIf writes its "What if:" line straight to the host: the example runs where there is none.
                $null = Invoke-WithoutHost -Variables @{ folder = $folder; defaults = $defaults } -ScriptBlock ([scriptblock]::Create(
                        "Set-Location -LiteralPath `$folder; `$PSDefaultParameterValues = `$defaults`n$Code"))
            }
            else {
                $example = [scriptblock]::Create($Code)
                $warnings = & {
                    $ErrorActionPreference = 'Stop'
                    $PSDefaultParameterValues = $defaults
                    & $example 4>$null 6>$null 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
                }
                # Examples that show a refused row or a fixed old timestamp warn as the module does: checked here, not printed.
                foreach ($warning in @($warnings)) {
                    $warning.Message | Should -Match '^(Signed [\d,]+, refused [\d,]+: |The timestamp \d+ \(.*\) is [\d,]+ hours old)'
                }
            }
        }
        finally {
            Pop-Location
            Remove-Item Env:APPSTORE_PRIVATE_KEY -ErrorAction SilentlyContinue
            Remove-TestFolder $folder
        }
    }
}

Describe 'README: the CSV columns each bulk cmdlet reads' {
    BeforeAll {
        $readme = Get-Content -LiteralPath (Join-Path $env:APPSTOREJWS_REPO 'README.md') -Raw
        $readme -match '(?ms)^### CSV columns each bulk cmdlet reads\s*\n(.*?)(?=^#)' | Should -BeTrue
        $script:columnRows = @{}
        foreach ($row in [regex]::Matches($Matches[1], '(?m)^\|\s*(`[A-Z][^|]*)\|\s*(.*?)\s*\|\s*$')) {
            foreach ($name in [regex]::Matches($row.Groups[1].Value, '`([\w-]+)`')) { $columnRows[$name.Groups[1].Value] = $row.Groups[2].Value }
        }
        $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    }

    # Every signing and checking cmdlet that reads rows: the table must name each column it binds, with its aliases
    # (a short alias such as LP is for typing, not a column name).
    It 'names every column and alias <_> binds from a row' -ForEach @(
        'New-PromotionalOfferJws', 'New-IntroEligibilityJws', 'New-AdvancedCommerceJws', 'New-PromotionalOfferSignature',
        'Test-PromotionalOfferSignature', 'Test-AppStoreJws', 'ConvertFrom-AppStoreJws', 'Get-AppStoreKey') {
        $columnRows.ContainsKey($_) | Should -BeTrue -Because "the table has a row for $_"
        $byName = (Get-Command $_).Parameters.Values | Where-Object { $_.Name -notin $common -and $_.Attributes.ValueFromPipelineByPropertyName -contains $true }
        @($byName).Count | Should -BeGreaterThan 0
        foreach ($parameter in $byName) {
            foreach ($column in @($parameter.Name) + @($parameter.Aliases | Where-Object { $_ -notmatch '^\w{1,3}$' })) {
                $columnRows[$_] | Should -Match "``$([regex]::Escape($column))``" -Because "$_ binds the column $column"
            }
        }
    }
}
